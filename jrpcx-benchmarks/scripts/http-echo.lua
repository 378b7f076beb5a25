-- wrk script: POSTs one JSON-RPC echo request per call (keep-alive). Used in BENCHMARKS.md:
--   wrk -t1 -c16 -d5s -s jrpcx-benchmarks/scripts/http-echo.lua http://127.0.0.1:18080/
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"echo","params":["hi"]}'
wrk.headers["Content-Type"] = "application/json"
