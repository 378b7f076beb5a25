"""Calls a JSON-RPC server over HTTP with python-bitcoinlib's RawProxy, the client that talks to
bitcoind: JSON-RPC 1.0-style requests ("version": "1.1", no "jsonrpc"), Basic credentials in the URL,
one keep-alive connection reused for every call. Prints one JSON object of what it got. Used by
HttpPeersTest."""
import json
import sys

import bitcoin.rpc

url_with_user = sys.argv[1]
bad_url = sys.argv[2]
proxy = bitcoin.rpc.RawProxy(service_url=url_with_user)
results = {'echo': proxy.echo('hello from bitcoinlib'), 'sum': proxy.sum(2, 3)}
for i in range(20):
    assert proxy.echo(i) == i   # the same connection, call after call
try:
    proxy.no_such_method()
except bitcoin.rpc.JSONRPCError as e:
    results['unknown'] = e.error
try:
    bitcoin.rpc.RawProxy(service_url=bad_url).echo('x')
except bitcoin.rpc.JSONRPCError as e:
    results['badAuth'] = e.error
results['batch'] = proxy._batch([{'version': '1.1', 'method': 'echo', 'params': ['a'], 'id': 1},
                                 {'version': '1.1', 'method': 'sum', 'params': [1, 2], 'id': 2}])
print(json.dumps(results))
