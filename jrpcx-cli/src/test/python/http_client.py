"""Calls a JSON-RPC server over HTTP with Python's urllib (one connection per call, as urllib does) and
prints one JSON object of statuses and bodies: a request, a batch, a notification (204), an error, an
oversized body (413), a GET (405) and a request without credentials (401). Used by HttpPeersTest."""
import base64
import json
import sys
import urllib.error
import urllib.request

url, user, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
auth = 'Basic ' + base64.b64encode(user.encode()).decode()


def send(body, method='POST', with_auth=True):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header('Content-Type', 'application/json')
    if with_auth:
        request.add_header('Authorization', auth)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            text = response.read()
            return {'status': response.status, 'body': json.loads(text) if text else None}
    except urllib.error.HTTPError as e:
        return {'status': e.code, 'allow': e.headers.get('Allow'),
                'authenticate': e.headers.get('WWW-Authenticate')}


results = {
    'echo': send({'jsonrpc': '2.0', 'id': 1, 'method': 'echo', 'params': ['hello from urllib']}),
    'batch': send([{'jsonrpc': '2.0', 'id': 1, 'method': 'sum', 'params': [1, 2]},
                   {'jsonrpc': '2.0', 'id': 2, 'method': 'echo', 'params': ['b']}]),
    'notification': send({'jsonrpc': '2.0', 'method': 'echo', 'params': ['n']}),
    'fail': send({'jsonrpc': '2.0', 'id': 3, 'method': 'fail', 'params': [-32000, 'boom']}),
    'parse': send(b'{not json'),
    'oversized': send({'jsonrpc': '2.0', 'id': 4, 'method': 'echo', 'params': ['x' * (limit + 10)]}),
    'get': send(None, method='GET'),
    'noAuth': send({'jsonrpc': '2.0', 'id': 5, 'method': 'echo', 'params': ['x']}, with_auth=False),
}
print(json.dumps(results))
