"""A JSON-RPC server on Python's standard http.server, as small servers are written with it, for the
jrpcx HTTP client's tests. Modes:

  http10      HTTP/1.0: one request per connection, closed after the response (Python's default)
  keepalive   HTTP/1.1 keep-alive

Methods: echo(x) -> x; count() -> requests and connections seen so far; hang() closes the connection
without answering. Prints "listening tcp://127.0.0.1:PORT" once it serves.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = {"requests": 0, "connections": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1" if sys.argv[1] == "keepalive" else "HTTP/1.0"

    def setup(self):
        super().setup()
        with lock:
            seen["connections"] += 1

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length))
        with lock:
            seen["requests"] += 1
        method = request.get("method")
        if method == "hang":
            self.close_connection = True   # closed with no response
            return
        if "id" not in request:
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if method == "count":
            with lock:
                result = dict(seen)
        else:
            result = request.get("params", [None])[0]
        body = json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening tcp://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
