#!/usr/bin/env bash
# Side-by-side measurement of four newline JSON-RPC servers on this machine, in one run:
#   lineecho   the raw line echo (no JSON work): the physical reference, from the loadgen tool
#   jrpcx      `./jrpcx serve` (the repository's launcher)
#   jsonrpc4j  io.jrpcx.benchmarks.Jsonrpc4jServer: jsonrpc4j in a plain line loop, one thread per connection
#   aiorpcx    jrpcx-cli/src/test/python/aiorpcx_server.py on Debian's /usr/bin/python3
#
# Each round runs every shape against every server in turn (the server order rotates from round to
# round): closed loop with loadgen (4x16, 1x1, 1000x1, 4x16 with batches of 100), the same 1000x1 with
# fairgen (fair1000x1: every connection open before the clock starts, and how the answers are spread
# over the connections: mean latency, answers per connection, Jain's index) and open loop with
# ratedgen (64 connections at 2,000 and 10,000 requests/s). For each run it records the tool's figures
# and the server's CPU (utime + stime from /proc/PID/stat, before and after). scripts/compare-report.py
# then prints the medians over the rounds and the ratios of issue 8 as markdown.
#
#   jrpcx-benchmarks/scripts/compare.sh [-d SECONDS] [-r ROUNDS] [-w SECONDS] [-o DIR]
#                                       [--servers a,b,..] [--shapes a,b,..] [--no-rated] [SECONDS]
#
#   -d, --duration SECONDS  length of each measured run (default 5; a bare SECONDS means the same)
#   -r, --rounds N          interleaved rounds (default 3)
#   -w, --warmup SECONDS    load put on each JVM server before the first round (default 5; 0: none)
#   -o, --out DIR           where raw.txt, the logs and report.md go
#                           (default jrpcx-benchmarks/target/compare/<UTC date-time>)
#   --servers LIST          a subset of lineecho,jrpcx,jsonrpc4j,aiorpcx,jrpcx-base (default: the
#                           first four); jrpcx-base is `serve` from the jar JRPCX_BASE_JAR names (a
#                           build of another commit, for an interleaved before/after run)
#   --shapes LIST           a subset of 4x16,1x1,1000x1,4x16b100,fair1000x1,rate2000,rate10000
#                           (default: all)
#   --no-rated              skip the open-loop runs
#   --calm CORES            before each run, wait until the machine has been using at most CORES cores
#                           for half a second (default: off); for machines shared with others
#   --calm-max SECONDS      the longest such wait (default 30)
#
# Environment: LOADGEN_DIR and RATEDGEN_DIR, the folders of the two tools (default: shared/tools/...
# beside or above the repository); they and fairgen (scripts/fairgen) are built with cargo into
# CARGO_TARGET_DIR (default jrpcx-benchmarks/target/tools), never in place. JAVA: the java for the jsonrpc4j server (default:
# the JVM that ./jrpcx runs `serve` on).
# The report goes to stdout and to DIR/report.md; progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/jrpcx-benchmarks/scripts"

die() { echo "compare.sh: $*" >&2; exit 2; }
note() { echo "compare.sh: $*" >&2; }

secs=5 rounds=3 warmup=5 out="" servers="lineecho,jrpcx,jsonrpc4j,aiorpcx" shapes="" rated=1 calm="" calm_max=30
while (( $# )); do
    case "$1" in
        -d|--duration) secs="${2:?}"; shift 2 ;;
        -r|--rounds) rounds="${2:?}"; shift 2 ;;
        -w|--warmup) warmup="${2:?}"; shift 2 ;;
        -o|--out) out="${2:?}"; shift 2 ;;
        --servers) servers="${2:?}"; shift 2 ;;
        --shapes) shapes="${2:?}"; shift 2 ;;
        --no-rated) rated=0; shift ;;
        --calm) calm="${2:?}"; shift 2 ;;
        --calm-max) calm_max="${2:?}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) secs="$1"; shift ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
[[ "$secs" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "duration must be a number of seconds: $secs"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive integer: $rounds"
[[ "$warmup" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "warm-up must be a number of seconds: $warmup"
[[ -z "$calm" || "$calm" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--calm takes a number of cores: $calm"
[[ "$calm_max" =~ ^[0-9]+$ ]] || die "--calm-max takes whole seconds: $calm_max"
IFS=, read -r -a wanted <<<"$servers"
for s in "${wanted[@]}"; do
    [[ "$s" =~ ^(lineecho|jrpcx|jsonrpc4j|aiorpcx|jrpcx-base)$ ]] || die "unknown server: $s"
done
out="${out:-$root/jrpcx-benchmarks/target/compare/$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
raw="$out/raw.txt"
: >"$raw"

# --- the tools: built into a target folder of ours, the tool folders stay untouched ---------------
tool_dir() { # NAME ENVVALUE: the tool's folder (the one holding Cargo.toml)
    local d
    for d in "$2" "${LOADGEN_DIR:-/nonexistent}/../$1" "$root/../shared/tools/$1" "$root/../../shared/tools/$1"; do
        [[ -n "$d" && -f "$d/Cargo.toml" ]] && { (cd "$d" && pwd); return; }
    done
    die "cannot find the $1 tool: set ${1^^}_DIR to its folder (the one with Cargo.toml)"
}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/jrpcx-benchmarks/target/tools}"
bin="$CARGO_TARGET_DIR/release"
for t in loadgen ratedgen; do
    var="${t^^}_DIR"
    dir="$(tool_dir "$t" "${!var:-}")"
    (cd "$dir" && cargo build --release --offline -q) || die "cargo build of $dir failed"
done
(cd "$here/fairgen" && cargo build --release --offline -q) || die "cargo build of $here/fairgen failed"
for b in loadgen lineecho ratedgen fairgen; do [[ -x "$bin/$b" ]] || die "$bin/$b missing after the build"; done

# --- the JVM servers' builds -----------------------------------------------------------------------
# The java of the jsonrpc4j server: $JAVA, else the very JVM ./jrpcx chose for `serve` (so that both
# JVM servers run on the same JDK), else JAVA_HOME's, else the one on the PATH.
jsonrpc4j_java() {
    if [[ -n "${JAVA:-}" ]]; then echo "$JAVA"
    elif [[ -n "${pid[jrpcx]:-}" ]] && readlink -f "/proc/${pid[jrpcx]}/exe" 2>/dev/null; then :
    elif [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"
    else command -v java || echo java
    fi
}
bench_jar="$root/jrpcx-benchmarks/target/jrpcx-benchmarks.jar"
has() { [[ ",$servers," == *",$1,"* ]]; }
if has jsonrpc4j; then
    if [[ ! -f "$bench_jar" || -n "$(find "$root/pom.xml" "$root/jrpcx-core/pom.xml" "$root/jrpcx-core/src/main" \
            "$root/jrpcx-benchmarks/pom.xml" "$root/jrpcx-benchmarks/src/main" -newer "$bench_jar" -print -quit)" ]]; then
        note "building $bench_jar"
        (cd "$root" && mvn -B -q -DskipTests package -pl jrpcx-benchmarks -am >&2) || die "the benchmarks build failed"
    fi
fi
if has jrpcx; then
    "$root/jrpcx" --version >/dev/null || die "./jrpcx does not run (its build failed?)"
fi

# --- servers ---------------------------------------------------------------------------------------
declare -A pid=() port=() failed=()
client=""
cleanup() {
    local p
    [[ -z "$client" ]] || kill -TERM "$client" 2>/dev/null || true
    for p in "${pid[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pid[@]}"; do
        for _ in $(seq 1 50); do alive "$p" || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

alive() { # PID: true while the process runs (a child that has ended stays a zombie until waited for)
    local s
    { read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
    s="${s##*) }"
    [[ "${s:0:1}" != Z ]]
}

# NAME LOG: waits for the server's ready line; sets port[NAME], or records why it failed
await_ready() {
    local name="$1" log="$2" p
    for _ in $(seq 1 1200); do
        if ! alive "${pid[$name]}"; then
            wait "${pid[$name]}" 2>/dev/null && failed[$name]="exited" || failed[$name]="exited with status $?"
            break
        fi
        if [[ -n "${port[$name]:-}" ]] && grep -q '^ready' "$log"; then return 0; fi
        p="$(sed -n 's#^listening tcp://.*:\([0-9]*\)$#\1#p' "$log" | head -n 1)"
        if [[ -n "$p" ]]; then port[$name]="$p"; return 0; fi
        sleep 0.1
    done
    failed[$name]="${failed[$name]:-no ready line within 120 s}"
    kill -KILL "${pid[$name]}" 2>/dev/null || true
    unset "pid[$name]" "port[$name]"
    note "SERVER FAILED TO START: $name (${failed[$name]}); the end of its output ($log*):"
    tail -n 20 "$log" "$log.err" >&2 2>/dev/null || true
    echo "server $name status failed_to_start reason ${failed[$name]// /_}" >>"$raw"
    return 1
}

start() { # NAME: starts one server in the background and waits for it
    local name="$1" log="$out/$1.log"
    case "$name" in
        lineecho)
            port[$name]="$(free_port)"
            "$bin/lineecho" "${port[$name]}" >"$log" 2>"$log.err" & ;;
        jrpcx)
            "$root/jrpcx" serve --tcp 127.0.0.1:0 >"$log" 2>"$log.err" & ;;
        jrpcx-base)
            # the launcher's own options for serve, on the JVM it picked
            [[ -f "${JRPCX_BASE_JAR:-}" ]] || die "jrpcx-base needs JRPCX_BASE_JAR, the jrpcx-cli jar of the base commit"
            java_bin="$(jsonrpc4j_java)"
            "$java_bin" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
                -jar "$JRPCX_BASE_JAR" serve --tcp 127.0.0.1:0 >"$log" 2>"$log.err" & ;;
        jsonrpc4j)
            java_bin="$(jsonrpc4j_java)"
            "$java_bin" -cp "$bench_jar" io.jrpcx.benchmarks.Jsonrpc4jServer 0 >"$log" 2>"$log.err" & ;;
        aiorpcx)
            /usr/bin/python3 "$root/jrpcx-cli/src/test/python/aiorpcx_server.py" --port 0 >"$log" 2>"$log.err" & ;;
    esac
    pid[$name]=$!
    await_ready "$name" "$log" && note "$name listening on 127.0.0.1:${port[$name]} (pid ${pid[$name]})"
}

# --- measuring -------------------------------------------------------------------------------------
cpu_ticks() { # PID: utime + stime of the whole process (every thread, living or ended), in clock ticks
    local s
    { read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
    s="${s##*) }"
    read -r -a f <<<"$s"
    echo $(( f[11] + f[12] ))
}
child_ticks() { # this shell's waited-for children: the load generator once it has ended
    local s
    read -r s <"/proc/$$/stat"; s="${s##*) }"
    read -r -a f <<<"$s"
    echo $(( f[13] + f[14] ))
}
machine_ticks() { # busy and total clock ticks of all CPUs
    local _cpu u n s i w q sq st
    read -r _cpu u n s i w q sq st _ </proc/stat
    echo "$(( u + n + s + q + sq + st )) $(( u + n + s + i + w + q + sq + st ))"
}

# With --calm: waits until the machine as a whole has used at most $calm cores over half a second,
# for $calm_max s at most; prints the seconds waited and the cores last seen busy
await_calm() {
    local b0 t0 b1 t1 start cores
    start="$(date +%s%N)"
    while :; do
        read -r b0 t0 <<<"$(machine_ticks)"; sleep 0.5; read -r b1 t1 <<<"$(machine_ticks)"
        cores="$(awk -v b=$(( b1 - b0 )) -v t=$(( t1 - t0 )) -v n="$(nproc)" 'BEGIN { printf "%.2f", t ? b * n / t : 0 }')"
        if awk -v c="$cores" -v m="$calm" 'BEGIN { exit !(c <= m) }' \
                || (( $(date +%s%N) - start >= calm_max * 1000000000 )); then
            echo "calm_wait_ms $(( ($(date +%s%N) - start) / 1000000 )) busy_before $cores"
            return
        fi
    done
}

# ROUND SERVER SHAPE COMMAND...: one run, one line of raw.txt
measure() {
    local round="$1" name="$2" shape="$3"; shift 3
    local p="${pid[$name]:-}" c0 c1 k0 k1 m0 m1 t0 t1 res pre=""
    if [[ -z "$p" ]]; then
        echo "round $round server $name shape $shape status down" >>"$raw"
        return
    fi
    if ! alive "$p"; then
        echo "round $round server $name shape $shape status died" >>"$raw"
        note "SERVER DIED: $name before $shape (round $round)"
        unset "pid[$name]"
        return
    fi
    [[ -z "$calm" ]] || pre="$(await_calm) "
    c0="$(cpu_ticks "$p")"; k0="$(child_ticks)"; m0="$(machine_ticks)"; t0="$(date +%s%N)"
    # in the background, so that a signal stops the script at once rather than after the run
    timeout "$limit" "$@" >"$out/client.out" 2>>"$out/client.err" &
    client=$!
    wait "$client" && res="$(<"$out/client.out")" || res=""
    client=""
    t1="$(date +%s%N)"; m1="$(machine_ticks)"; k1="$(child_ticks)"
    if ! c1="$(cpu_ticks "$p" 2>/dev/null)" || ! alive "$p"; then
        echo "round $round server $name shape $shape status died" >>"$raw"
        note "SERVER DIED: $name during $shape (round $round)"
        unset "pid[$name]"
        return
    fi
    [[ -n "$res" ]] || res="status client_failed"
    read -r mb0 mt0 <<<"$m0"; read -r mb1 mt1 <<<"$m1"
    echo "round $round server $name shape $shape server_ticks $(( c1 - c0 )) client_ticks $(( k1 - k0 ))" \
        "machine_busy_ticks $(( mb1 - mb0 )) machine_ticks $(( mt1 - mt0 )) wall_ms $(( (t1 - t0) / 1000000 ))" \
        "$pre$res" >>"$raw"
    note "round $round $shape $name: $res"
}

limit="$(awk -v s="$secs" 'BEGIN { print int(s * 4 + 90) }')" # seconds a client may take before it is stopped
closed_shapes=("4x16:4 16" "1x1:1 1" "1000x1:1000 1" "4x16b100:4 16 100") # NAME:CONNS DEPTH [BATCH]
rated_shapes=("rate2000:64 2000" "rate10000:64 10000")                             # NAME:CONNS RATE
fair_shapes=("fair1000x1:1000")                                                    # NAME:CONNS
if [[ -n "$shapes" ]]; then
    kept=(); for spec in "${closed_shapes[@]}"; do [[ ",$shapes," == *",${spec%%:*},"* ]] && kept+=("$spec"); done
    closed_shapes=("${kept[@]}")
    kept=(); for spec in "${fair_shapes[@]}"; do [[ ",$shapes," == *",${spec%%:*},"* ]] && kept+=("$spec"); done
    fair_shapes=("${kept[@]}")
    kept=(); for spec in "${rated_shapes[@]}"; do [[ ",$shapes," == *",${spec%%:*},"* ]] && kept+=("$spec"); done
    rated_shapes=("${kept[@]}")
fi

run_shape() { # ROUND SHAPE_SPEC KIND SERVER
    local round="$1" spec="$2" kind="$3" name="$4" shape args
    shape="${spec%%:*}"
    read -r -a args <<<"${spec#*:}"
    if [[ "$kind" == closed ]]; then
        measure "$round" "$name" "$shape" "$bin/loadgen" "127.0.0.1:${port[$name]}" "${args[0]}" "${args[1]}" "$secs" \
            "${args[@]:2}"
    elif [[ "$kind" == fair ]]; then
        measure "$round" "$name" "$shape" "$bin/fairgen" "127.0.0.1:${port[$name]}" "${args[0]}" "$secs"
    else
        measure "$round" "$name" "$shape" "$bin/ratedgen" "127.0.0.1:${port[$name]}" "${args[@]}" "$secs"
    fi
}

# --- the run ---------------------------------------------------------------------------------------
{
    echo "meta started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "meta command jrpcx-benchmarks/scripts/compare.sh -d $secs -r $rounds -w $warmup --servers $servers${shapes:+ --shapes $shapes}$( (( rated )) || echo ' --no-rated')${calm:+ --calm $calm --calm-max $calm_max}"
    echo "meta clk_tck $(getconf CLK_TCK) cpus $(nproc) secs $secs rounds $rounds warmup $warmup calm_max $calm_max"
    echo "meta jrpcx_commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo -modified)"
    echo "meta jsonrpc4j $(sed -n 's#.*<jsonrpc4j.version>\(.*\)</jsonrpc4j.version>.*#\1#p' "$root/jrpcx-benchmarks/pom.xml")"
    has aiorpcx && echo "meta aiorpcx $(/usr/bin/python3 -c 'import aiorpcx; print(aiorpcx._version_str)' 2>/dev/null || echo unknown)"
} >>"$raw"

for name in lineecho jrpcx jrpcx-base jsonrpc4j aiorpcx; do
    has "$name" && { start "$name" || true; }
done
[[ -z "${java_bin:-}" ]] || echo "meta java $( { "$java_bin" -version 2>&1 || true; } | head -n 1 | tr ' ' '_')" >>"$raw"
order=()
for name in lineecho jrpcx jrpcx-base jsonrpc4j aiorpcx; do
    [[ -n "${port[$name]:-}" ]] && order+=("$name")
done
(( ${#order[@]} )) || die "no server started; logs in $out"

if awk -v w="$warmup" 'BEGIN { exit !(w > 0) }'; then
    for name in jrpcx jrpcx-base jsonrpc4j; do
        [[ -n "${port[$name]:-}" ]] || continue
        note "warming $name up: 4x16 for $warmup s, then batches of 100 and 1000x1"
        "$bin/loadgen" "127.0.0.1:${port[$name]}" 4 16 "$warmup" >/dev/null 2>&1 || true
        "$bin/loadgen" "127.0.0.1:${port[$name]}" 4 16 "$(awk -v w="$warmup" 'BEGIN { print w / 2 }')" 100 >/dev/null 2>&1 || true
        "$bin/loadgen" "127.0.0.1:${port[$name]}" 1000 1 "$(awk -v w="$warmup" 'BEGIN { print w / 2 }')" >/dev/null 2>&1 || true
    done
fi

for (( r = 1; r <= rounds; r++ )); do
    echo "meta round $r loadavg $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >>"$raw"
    # rotate the order so that no server always runs right after the same one
    n=${#order[@]}
    rot=()
    for (( i = 0; i < n; i++ )); do rot+=("${order[$(( (i + r - 1) % n ))]}"); done
    for spec in "${closed_shapes[@]}"; do
        for name in "${rot[@]}"; do run_shape "$r" "$spec" closed "$name"; done
    done
    for spec in "${fair_shapes[@]}"; do
        for name in "${rot[@]}"; do run_shape "$r" "$spec" fair "$name"; done
    done
    if (( rated )); then
        for spec in "${rated_shapes[@]}"; do
            for name in "${rot[@]}"; do run_shape "$r" "$spec" rated "$name"; done
        done
    fi
done
echo "meta finished $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$raw"

/usr/bin/python3 "$here/compare-report.py" "$raw" | tee "$out/report.md"
note "raw figures in $raw, report in $out/report.md"
