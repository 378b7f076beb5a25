#!/usr/bin/env bash
# Runs loadgen against lineecho (the machine's limit), `jrpcx serve` and Python aiorpcX serving echo,
# one after the other in one run, and prints each figure with its ratios.
#
#   LOADGEN_DIR=path/to/loadgen jrpcx-benchmarks/scripts/compare.sh [SECONDS]
#
# LOADGEN_DIR is the folder of the loadgen tool (its Cargo.toml); it is built with cargo if needed.
set -euo pipefail
secs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -n "${LOADGEN_DIR:-}" ]] || { echo "set LOADGEN_DIR to the loadgen folder" >&2; exit 2; }
bin="$LOADGEN_DIR/target/release"
if [[ ! -x "$bin/loadgen" || ! -x "$bin/lineecho" ]]; then
    (cd "$LOADGEN_DIR" && cargo build --release --offline -q)
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port_of() { # waits for "listening tcp://HOST:PORT" in a log file and prints PORT
    for _ in $(seq 1 300); do
        if grep -q '^listening tcp://' "$1" 2>/dev/null; then
            sed -n 's#^listening tcp://.*:\([0-9]*\)$#\1#p' "$1" | head -n 1
            return
        fi
        sleep 0.1
    done
    echo "server did not start: $(cat "$1")" >&2
    exit 1
}

log=$(mktemp -d)
"$bin/lineecho" 18002 >"$log/lineecho" 2>&1 & pids+=($!)
"$root/jrpcx" serve --tcp 127.0.0.1:0 >"$log/jrpcx" 2>/dev/null & pids+=($!)
/usr/bin/python3 "$root/jrpcx-cli/src/test/python/aiorpcx_server.py" --port 0 >"$log/aiorpcx" 2>/dev/null & pids+=($!)
jport=$(port_of "$log/jrpcx")
pport=$(port_of "$log/aiorpcx")
sleep 0.5

run() { "$bin/loadgen" "127.0.0.1:$1" "${@:2}"; }
rate() { sed -n 's/^rps \([0-9]*\) .*/\1/p' <<<"$1"; }

# warm jrpcx's JIT up before measuring
run "$jport" 4 16 "$secs" >/dev/null
run "$jport" 1 1 2 >/dev/null

printf '%-22s %-10s %s\n' "shape" "server" "loadgen output"
for shape in "4 16" "1 1" "1000 1" "4 16 100"; do
    read -r -a a <<<"$shape"
    le=$(run 18002 "${a[@]:0:2}" "$secs" "${a[@]:2}")
    jx=$(run "$jport" "${a[@]:0:2}" "$secs" "${a[@]:2}")
    py=$(run "$pport" "${a[@]:0:2}" "$secs" "${a[@]:2}")
    name="${a[0]}x${a[1]}${a[2]:+ batch ${a[2]}}"
    printf '%-22s %-10s %s\n' "$name" lineecho "$le" "$name" jrpcx "$jx" "$name" aiorpcx "$py"
    awk -v le="$(rate "$le")" -v jx="$(rate "$jx")" -v py="$(rate "$py")" -v n="$name" \
        'BEGIN { printf "%-22s jrpcx/lineecho %.2f  jrpcx/aiorpcx %.1f\n", n, jx/le, (py > 0 ? jx/py : 0) }'
done
