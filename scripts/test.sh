#!/usr/bin/env bash
# Installs every test peer (Debian and npm packages), then builds jrpcx and runs every test.
# Once the peers are installed, `mvn -B verify` alone does the same.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The real peers the tests start on loopback: aiorpcX (reference JSON-RPC peer) with websockets,
# openssl (TLS), dante, microsocks and OpenSSH (SOCKS proxies), python-bitcoinlib (Bitcoin framing),
# pylsp (a language server), curl (an HTTP client) and chromium (a browser, driven by playwright-core
# from npm).
PEERS=(python3 python3-aiorpcx python3-websockets openssl dante-server microsocks
       openssh-server openssh-client python3-bitcoinlib python3-pylsp curl chromium)

export DEBIAN_FRONTEND=noninteractive
if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
missing=()
for p in "${PEERS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js with npm, for playwright-core and vscode-jsonrpc: the machine's own when it has one (a Node.js that bundles npm
# conflicts with Debian's separate npm package), else Debian's.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi
if (( ${#missing[@]} )); then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
fi
# dante's packaged service is not wanted: the tests start their own proxies on loopback.
if command -v systemctl >/dev/null 2>&1; then "${sudo[@]}" systemctl disable --now danted >/dev/null 2>&1 || true; fi

if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund
fi

mvn -B verify "$@"
