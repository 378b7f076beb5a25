#!/usr/bin/env bash
# Throughput of every transport in one run: one `jrpcx serve` with a TCP, TLS, WebSocket, WebSocket
# over TLS and Unix-socket listener, then `jrpcx bench` (4 connections x 16 in flight, echo) against
# each in turn, three rounds interleaved; prints each run and the median of each transport with its
# ratio to TCP.  Usage: scripts/bench-transports.sh [SECONDS per run, default 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-5}"
work="$(mktemp -d)"
trap 'kill "$serve" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/key.pem" \
    -out "$work/cert.pem" -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
"$root/jrpcx" serve --tcp 127.0.0.1:0 --tls 127.0.0.1:0 --ws 127.0.0.1:0 --wss 127.0.0.1:0 --unix "$work/bench.sock" \
    --cert "$work/cert.pem" --key "$work/key.pem" --warmup 5 >"$work/serve.out" 2>/dev/null &
serve=$!
for _ in $(seq 240); do [[ $(grep -c listening "$work/serve.out" || true) -ge 5 ]] && break; sleep 0.5; done
mapfile -t urls < <(awk '/^listening/ {print $2}' "$work/serve.out")
declare -A runs
for round in 1 2 3; do
    for url in "${urls[@]}"; do
        scheme="${url%%://*}"
        rate="$("$root/jrpcx" bench --insecure --connections 4 --depth 16 --duration "$seconds" "$url" | awk '/^requests\/s/ {print $2}')"
        echo "round $round  $scheme  $rate requests/s"
        runs[$scheme]+="$rate "
    done
done
median() { printf '%s\n' $1 | sort -n | sed -n 2p; }
tcp="$(median "${runs[tcp]}")"
for url in "${urls[@]}"; do
    scheme="${url%%://*}"
    m="$(median "${runs[$scheme]}")"
    awk -v s="$scheme" -v m="$m" -v t="$tcp" 'BEGIN {printf "median %-5s %8d requests/s  %.2f of tcp\n", s, m, m / t}'
done
