#!/usr/bin/env bash
# Start-up of jrpcx through its launcher, as a user meets it:
#  - `jrpcx call URL echo hi` against a running `jrpcx serve`: median wall time of RUNS runs, median CPU
#    time (user + system) and median maximum resident set size (from /usr/bin/time);
#  - `jrpcx serve --warmup W` (W from WARMUP, default 0): time from starting the launcher to its
#    `listening` line, the rate of its first second under load (loadgen: 4 connections, 16 requests in
#    flight each, started as soon as it listens) and its warm rate (the same load after 6 s of it), in
#    each of SERVE_RUNS runs.
#
# Usage: scripts/bench-startup.sh [RUNS]          (RUNS of call, default 10)
# Environment: JRPCX   the launcher to measure (default: ./jrpcx of this checkout)
#              SERVE_RUNS   serve start-ups to measure (default 3)
#              WARMUP   the --warmup of the measured serve start-ups (default 0)
#              LOADGEN  a built loadgen (default: built from ../shared/tools/loadgen into target/loadgen)
# Run it twice with the same load on the machine to compare two launchers, e.g. JRPCX_AOT=0 for the
# launcher without its start-up caches. The machine's load average is printed with the figures.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jrpcx="${JRPCX:-$root/jrpcx}"
runs="${1:-10}"
serve_runs="${SERVE_RUNS:-3}"
work="$(mktemp -d)"
serve_pid=""

cleanup() {
    if [[ -n "$serve_pid" ]]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

die() {
    echo "bench-startup: $*" >&2
    exit 1
}

loadgen="${LOADGEN:-}"
if [[ -z "$loadgen" ]]; then
    loadgen="$root/target/loadgen/release/loadgen"
    if [[ ! -x "$loadgen" ]]; then
        src=""
        for candidate in "$root/../shared/tools/loadgen" "$root/../../shared/tools/loadgen"; do
            [[ -f "$candidate/Cargo.toml" ]] && src="$candidate" && break
        done
        [[ -n "$src" ]] || die "no loadgen: set LOADGEN, or put its sources at ../shared/tools/loadgen"
        (cd "$src" && cargo build --release --offline -q --target-dir "$root/target/loadgen") >&2
    fi
fi

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

now_ms() {
    local t="$EPOCHREALTIME"
    echo $(( ${t%.*} * 1000 + 10#${t#*.} / 1000 ))
}

# Starts `jrpcx serve --warmup W` (W: the first argument, default 0) on a free loopback port; sets
# serve_pid, port and listen_ms (from the start of the launcher to the line that says it listens).
start_serve() {
    local fifo="$work/out" line t0 warmup="${1:-0}"
    rm -f "$fifo"
    mkfifo "$fifo"
    t0="$(now_ms)"
    "$jrpcx" serve --tcp 127.0.0.1:0 --warmup "$warmup" >"$fifo" 2>"$work/serve.err" &
    serve_pid=$!
    exec 3<"$fifo"
    IFS= read -r line <&3 || die "serve printed nothing: $(cat "$work/serve.err")"
    listen_ms=$(( $(now_ms) - t0 ))
    [[ "$line" =~ ^listening\ tcp://127\.0\.0\.1:([0-9]+)$ ]] || die "unexpected line from serve: $line"
    port="${BASH_REMATCH[1]}"
}

stop_serve() {
    kill -TERM "$serve_pid"
    wait "$serve_pid" || true
    serve_pid=""
    exec 3<&-
}

rps() {
    awk '{ for (i = 1; i < NF; i++) if ($i == "rps") print $(i + 1) }'
}

"$jrpcx" --version >/dev/null                     # builds the jar and the call cache when needed
start_serve                                       # makes the serve cache when needed
stop_serve
loads=("$(cut -d' ' -f1 /proc/loadavg)")

echo "serve --warmup ${WARMUP:-0}: time to listening, first second under load (4x16 pipelined echo) against the warm rate"
: >"$work/listen"; : >"$work/ratio"
for ((i = 1; i <= serve_runs; i++)); do
    start_serve "${WARMUP:-0}"
    first="$("$loadgen" "127.0.0.1:$port" 4 16 1 | rps)"
    "$loadgen" "127.0.0.1:$port" 4 16 6 >/dev/null
    warm="$("$loadgen" "127.0.0.1:$port" 4 16 3 | rps)"
    stop_serve
    ratio="$(awk -v f="$first" -v w="$warm" 'BEGIN { printf "%.2f", (w > 0 ? f / w : 0) }')"
    echo "  run $i: listening after $listen_ms ms; first second $first rps; warm $warm rps; first/warm $ratio"
    echo "$listen_ms" >>"$work/listen"
    echo "$ratio" >>"$work/ratio"
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done
echo "  median: listening after $(median <"$work/listen") ms, first/warm $(median <"$work/ratio")"

echo "call: $runs runs of '$jrpcx call URL echo hi' against a running serve"
start_serve
url="tcp://127.0.0.1:$port"
: >"$work/wall"; : >"$work/cpu"; : >"$work/rss"
for ((i = 1; i <= runs; i++)); do
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$jrpcx" call "$url" echo hi >"$work/call.out"
        read -r wall user sys rss <"$work/time"
    else
        TIMEFORMAT="%R %U %S"
        { time "$jrpcx" call "$url" echo hi >"$work/call.out"; } 2>"$work/time"
        read -r wall user sys <"$work/time"
        rss=nan
    fi
    [[ "$(cat "$work/call.out")" == '"hi"' ]] || die "call printed: $(cat "$work/call.out")"
    echo "$wall" >>"$work/wall"
    awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >>"$work/cpu"
    echo "$rss" >>"$work/rss"
    (( i % 5 )) || loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done
stop_serve
echo "  median wall $(median <"$work/wall") s (min $(sort -g "$work/wall" | head -n 1) s)," \
    "median cpu $(median <"$work/cpu") s, median max RSS $(( $(median <"$work/rss" | cut -d. -f1) / 1024 )) MB"
echo "conditions: $(nproc) CPUs; load average (1 min) ${loads[*]}; JRPCX_AOT=${JRPCX_AOT:-1}; $("$jrpcx" --version)"
