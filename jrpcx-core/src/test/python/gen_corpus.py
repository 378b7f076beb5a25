#!/usr/bin/python3
"""Regenerates the JSON-RPC reference corpus used by the jrpcx tests.

Runs the reference Python implementation (aiorpcX 0.22.1, installed as python3-aiorpcx) as a black box
over many inputs and records what it does, one JSON object per line:

  corpus-messages.jsonl    message -> item, per protocol (v1, v2, loose, auto)
  corpus-connection.jsonl  message -> items, replies and protocol errors of a connection with pending requests
  corpus-binding.jsonl     method signature + arguments -> invocation error (code, message) or ok

Usage: /usr/bin/python3 gen_corpus.py [output-dir]
"""
import asyncio
import base64
import json
import os
import sys

from aiorpcx.jsonrpc import (Batch, JSONRPCAutoDetect, JSONRPCConnection, JSONRPCLoose, JSONRPCv1,
                             JSONRPCv2, Notification, ProtocolError, Request, Response, RPCError,
                             handler_invocation)

PROTOCOLS = {'v1': JSONRPCv1, 'v2': JSONRPCv2, 'loose': JSONRPCLoose, 'auto': JSONRPCAutoDetect}
NAMES = {JSONRPCv1: 'v1', JSONRPCv2: 'v2', JSONRPCLoose: 'loose', JSONRPCAutoDetect: 'auto'}


def inputs():
    """The messages of the corpus, as bytes."""
    m = []
    ids = ['1', '0', '-7', '123456789012345678901234567890', '1.5', '1.0', '1e5', '"s"', '""', '"\u00e9"',
           'null', 'true', 'false', '[1]', '[]', '{"a":1}', '{}', '1e400']
    for version in ('"jsonrpc":"2.0",', '', '"jsonrpc":"1.0",'):
        for i in ids:
            m.append('{%s"method":"echo","params":["x"],"id":%s}' % (version, i))
        m.append('{%s"method":"echo","params":["x"]}' % version)
    params = ['[]', '[1,2]', '{}', '{"message":"x"}', '5', '"s"', 'null', 'true', '1.5', '[1e400]',
              '[123456789012345678901234567890]', '[0.1,0.2]', '[{"a":[1,{"b":null}]}]']
    for version in ('"jsonrpc":"2.0",', ''):
        for p in params:
            m.append('{%s"method":"sum","params":%s,"id":3}' % (version, p))
            m.append('{%s"method":"sum","params":%s}' % (version, p))
        m.append('{%s"method":"sum","id":4}' % version)
        m.append('{%s"method":"sum","params":[1],"id":null}' % version)
    methods = ['1', 'null', '""', '[]', '{}', 'true', '"a b"', '"\\u00e9"']
    for version in ('"jsonrpc":"2.0",', ''):
        for meth in methods:
            m.append('{%s"method":%s,"params":[],"id":5}' % (version, meth))
        m.append('{%s"params":[],"id":5}' % version)
        m.append('{%s"id":5}' % version)
        m.append('{%s"params":[]}' % version)
    for jv in ['"2.0"', '"1.0"', '"2"', '2.0', '2', 'null', '"3.0"', 'true']:
        m.append('{"jsonrpc":%s,"method":"echo","params":["x"],"id":6}' % jv)
        m.append('{"jsonrpc":%s,"result":1,"id":0}' % jv)
    # responses
    for version in ('"jsonrpc":"2.0",', ''):
        for body in ['"result":5', '"result":null', '"error":null', '"result":5,"error":null',
                     '"result":null,"error":{"code":1,"message":"m"}', '"error":{"code":1,"message":"m"}',
                     '"error":{"code":1,"message":"m","data":[1,2]}', '"error":{"code":1}',
                     '"error":{"message":"m"}', '"error":"text"', '"error":5', '"error":{"code":1.5,"message":"m"}',
                     '"error":{"code":"1","message":"m"}', '"error":{"code":1,"message":2}',
                     '"result":1,"error":{"code":1,"message":"m"}', '"error":{}', '"error":[]',
                     '"result":123456789012345678901234567890', '"result":1e400', '"result":{"x":[1.25]}']:
            for i in ['0', '1', '99', 'null', '"0"', '1.0', '[0]']:
                m.append('{%s%s,"id":%s}' % (version, body, i))
            m.append('{%s%s}' % (version, body))
    # batches
    req = '{"jsonrpc":"2.0","method":"echo","params":["%s"],"id":%d}'
    note = '{"jsonrpc":"2.0","method":"echo","params":["n"]}'
    m += ['[]', '[1]', '[1,2]', '[null]', '[[]]', '[[1]]', '["x"]', '[{}]',
          '[%s]' % (req % ('a', 1)), '[%s,%s]' % (req % ('a', 1), req % ('b', 2)),
          '[%s,%s]' % (req % ('a', 1), note), '[%s]' % note, '[%s,%s]' % (note, note),
          '[%s,5]' % note, '[%s,5,%s]' % (req % ('a', 1), req % ('b', 2)),
          '[%s,{"foo":1}]' % (req % ('a', 1)),
          '[%s,{"jsonrpc":"2.0","result":1,"id":7}]' % (req % ('a', 1)),
          '[{"jsonrpc":"2.0","result":1,"id":7},%s]' % (req % ('a', 1)),
          '[{"method":"echo","params":["v1"],"id":1}]',
          '[{"method":"echo","params":["v1"],"id":1},%s]' % (req % ('a', 2)),
          '[%s,{"method":"echo","params":["v1"],"id":1}]' % (req % ('a', 2)),
          '[%s,%s]' % (req % ('a', 1), req % ('b', 1)),
          '[{"jsonrpc":"2.0","method":"echo","params":5,"id":1},{"jsonrpc":"2.0","method":1,"id":2}]',
          '[{"jsonrpc":"2.0","method":"echo","params":["x"],"id":[1]},{"jsonrpc":"2.0","method":"echo","id":{}}]',
          '[{"jsonrpc":"2.0","method":"echo","params":["x"],"id":null}]',
          '[[{"jsonrpc":"2.0","method":"echo","params":["x"],"id":1}]]',
          ]
    # response batches (the connection has a batch with ids 2 and 3 pending)
    r = '{"jsonrpc":"2.0","result":%s,"id":%s}'
    m += ['[%s,%s]' % (r % ('"a"', '2'), r % ('"b"', '3')), '[%s,%s]' % (r % ('"b"', '3'), r % ('"a"', '2')),
          '[%s,{"jsonrpc":"2.0","error":{"code":-5,"message":"no"},"id":3}]' % (r % ('1', '2')),
          '[%s]' % (r % ('1', '2')), '[%s,%s]' % (r % ('1', '2'), r % ('1', '4')),
          '[%s,%s,%s]' % (r % ('1', '2'), r % ('1', '3'), r % ('1', '3')),
          '[%s,%s]' % (r % ('1', '0'), r % ('1', '1')),
          '[%s,{"jsonrpc":"2.0","error":5,"id":3}]' % (r % ('1', '2')),
          '[{"result":1,"id":2},{"result":2,"id":3}]', '[{"result":1,"error":null,"id":2},{"result":2,"error":null,"id":3}]',
          '[{"id":2},{"id":3}]', '[{"result":1,"id":2},{"method":"a","id":3}]',
          '[%s,{"jsonrpc":"2.0","result":1,"id":3,"method":"x"}]' % (r % ('1', '2')),
          '[{"jsonrpc":"2.0","error":{"code":1,"message":"m"},"id":2},{"jsonrpc":"2.0","error":{"code":2,"message":"n"},"id":3}]',
          ]
    # batches mixing dialects, for auto-detection: 1.0 members (an explicit "jsonrpc":"1.0", or both
    # "result" and "error"), 2.0 members and loose ones, in different orders
    v1q = '{"jsonrpc":"1.0","method":"echo","params":["v1"],"id":%d}'
    v1r = '{"result":%d,"error":null,"id":%d}'
    lq = '{"method":"echo","params":["l"],"id":%d}'
    m += ['[%s,%s]' % (v1q % 1, req % ('a', 2)), '[%s,%s]' % (req % ('a', 2), v1q % 1),
          '[%s,%s]' % (v1r % (1, 2), req % ('a', 1)), '[%s,%s]' % (v1r % (1, 2), r % ('1', '3')),
          '[%s,%s,%s]' % (lq % 3, v1q % 1, req % ('a', 2)), '[%s,%s]' % (lq % 3, v1q % 1),
          '[%s,%s]' % (v1q % 1, lq % 3), '[5,%s]' % (v1q % 1), '[5,%s]' % (req % ('a', 2)),
          '[%s,%s]' % (v1q % 1, v1q % 2), '[%s,%s]' % (v1r % (1, 2), v1r % (2, 3)),
          '[%s,%s]' % (lq % 3, lq % 4), '[%s,"x",%s]' % (v1q % 1, req % ('a', 2)),
          ]
    # not JSON, not UTF-8, odd values
    m += ['', ' ', '{bad', '{"method":"echo",}', 'nul', 'null', '1', '-1.5', '"str"', 'true', '{"a":1}{"b":2}',
          '{"jsonrpc":"2.0","method":"echo","params":["x"],"id":1} ', ' {"jsonrpc":"2.0","method":"echo","params":["x"],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":[NaN],"id":1}', '{"jsonrpc":"2.0","method":"echo","params":[Infinity],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":["x"],"id":1,"id":2}',
          '{"jsonrpc":"2.0","method":"echo","method":"sum","params":[1],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":["\\ud800"],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":["\\u00e9\\u2028"],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":["x"],"id":1,"extra":true}',
          '{"jsonrpc":"2.0","method":"echo","params":[1e400, -1e400, 1e-400, 1E+2, 0.1, 100000000000000000000.0],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":[' + '[' * 300 + ']' * 300 + '],"id":1}',
          '{"jsonrpc":"2.0","method":"echo","params":[' + '[' * 2000 + ']' * 2000 + '],"id":1}',
          '[' * 5000,
          ]
    out = [s.encode('utf-8', 'surrogatepass') for s in m]
    out += [b'\xff', b'{"jsonrpc":"2.0","method":"echo","params":["\xff"],"id":1}', b'\xef\xbb\xbf{"jsonrpc":"2.0","method":"echo","id":1}',
            b'{"jsonrpc":"2.0","method":"echo","params":["\xc3\xa9"],"id":1}',
            b'{"jsonrpc":"2.0","method":"echo","params":["a\x00b"],"id":1}']
    seen, unique = set(), []
    for b in out:
        if b not in seen:
            seen.add(b)
            unique.append(b)
    return unique


def text_of(b):
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return None


def message_outcome(protocol, message):
    try:
        item, request_id = protocol.message_to_item(message)
    except ProtocolError as e:
        resp = e.response_msg_id
        return {'kind': 'protocol_error', 'code': e.code, 'message': e.message,
                'reply': None if e.error_message is None else e.error_message.decode(),
                'response_id': None if resp is id else {'v': resp}}
    except RecursionError:
        return {'kind': 'silent'}
    if isinstance(item, Request):
        return {'kind': 'request', 'method': item.method, 'args': item.args, 'id': request_id}
    if isinstance(item, Notification):
        return {'kind': 'notification', 'method': item.method, 'args': item.args}
    if isinstance(item, Response):
        if isinstance(item.result, RPCError):
            return {'kind': 'error_response', 'code': item.result.code, 'message': item.result.message,
                    'id': request_id}
        return {'kind': 'response', 'result': item.result, 'id': request_id}
    if isinstance(item, list):
        return {'kind': 'batch', 'size': len(item)}
    raise AssertionError(repr(item))


def message_corpus():
    lines = []
    for message in inputs():
        for name, protocol in PROTOCOLS.items():
            entry = {'protocol': name, 'b64': base64.b64encode(message).decode(), 'text': text_of(message)}
            if protocol is JSONRPCAutoDetect:
                try:
                    protocol = JSONRPCAutoDetect.detect_protocol(message)
                    entry['detected'] = NAMES[protocol]
                except ProtocolError:
                    pass
                except RecursionError:
                    entry['outcome'] = {'kind': 'silent'}
                    lines.append(entry)
                    continue
            entry['outcome'] = message_outcome(protocol, message)
            lines.append(entry)
    return lines


def summarize(fut):
    if not fut.done():
        return {'state': 'pending'}
    if fut.cancelled():
        return {'state': 'cancelled'}
    exc = fut.exception()
    if exc is not None:
        return {'state': 'failed', 'code': exc.code, 'message': exc.message,
                'protocol_error': isinstance(exc, ProtocolError)}
    result = fut.result()
    if isinstance(result, tuple):
        return {'state': 'done', 'results': [
            {'code': x.code, 'message': x.message} if isinstance(x, RPCError) else {'result': x} for x in result]}
    return {'state': 'done', 'result': result}


async def connection_outcome(name, message):
    connection = JSONRPCConnection(PROTOCOLS[name])
    _, f0 = connection.send_request(Request('a', []))
    _, f1 = connection.send_request(Request('b', []))
    fb = None
    if PROTOCOLS[name].allow_batches:
        _, fb = connection.send_batch(Batch([Request('c', []), Request('d', [])]))
    entry = {'protocol': name, 'b64': base64.b64encode(message).decode(), 'text': text_of(message)}
    try:
        items = connection.receive_message(message)
    except ProtocolError as e:
        entry['error'] = {'code': e.code, 'message': e.message}
        entry['replies'] = [] if e.error_message is None else [e.error_message.decode()]
        items = []
    except RecursionError:
        entry['silent'] = True
        items = []
    except TypeError as e:  # the reference implementation crashes on some response batches
        entry['crash'] = type(e).__name__
        items = []
    entry.setdefault('replies', [])
    entry['items'] = []
    for n, item in enumerate(items):
        kind = 'request' if hasattr(item, 'send_result') else 'notification'
        entry['items'].append({'kind': kind, 'method': item.method, 'args': item.args})
    # complete the requests in order, each with the result "r<index>"
    for n, item in enumerate(items):
        if hasattr(item, 'send_result'):
            reply = item.send_result('r%d' % n)
            if reply is not None:
                entry['replies'].append(reply.decode())
    entry['pending'] = [summarize(f) for f in (f0, f1, fb) if f is not None]
    if name == 'auto':
        entry['detected'] = NAMES.get(connection._protocol)
    for f in (f0, f1, fb):
        if f is not None and f.done() and not f.cancelled():
            f.exception()
    return entry


def connection_corpus():
    async def run():
        lines = []
        for message in inputs():
            for name in PROTOCOLS:
                lines.append(await connection_outcome(name, message))
        return lines
    return asyncio.run(run())


SIGNATURES = [
    {'required': [], 'optional': [], 'varargs': False, 'varkw': False},
    {'required': ['message'], 'optional': [], 'varargs': False, 'varkw': False},
    {'required': ['a', 'b'], 'optional': [], 'varargs': False, 'varkw': False},
    {'required': ['a'], 'optional': ['b', 'c'], 'varargs': False, 'varkw': False},
    {'required': [], 'optional': ['x'], 'varargs': False, 'varkw': False},
    {'required': [], 'optional': [], 'varargs': True, 'varkw': False},
    {'required': ['a'], 'optional': [], 'varargs': True, 'varkw': False},
    {'required': ['a'], 'optional': [], 'varargs': False, 'varkw': True},
    {'required': [], 'optional': [], 'varargs': True, 'varkw': True},
    {'required': ['c', 'a', 'b'], 'optional': [], 'varargs': False, 'varkw': False},
    # keyword-only (named-only) parameters
    {'required': ['a'], 'optional': [], 'varargs': False, 'varkw': False, 'named_only': ['k'],
     'optional_named_only': []},
    {'required': [], 'optional': ['b'], 'varargs': True, 'varkw': False, 'named_only': [],
     'optional_named_only': ['k']},
    {'required': ['a'], 'optional': [], 'varargs': False, 'varkw': True, 'named_only': ['k', 'c'],
     'optional_named_only': ['x']},
    {'required': [], 'optional': ['a'], 'varargs': False, 'varkw': False, 'named_only': [],
     'optional_named_only': ['k', 'b']},
]
ARGS = [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4], {}, {'a': 1}, {'b': 1}, {'a': 1, 'b': 2}, {'a': 1, 'c': 3},
        {'message': 'm'}, {'message': 'm', 'x': 1}, {'x': 1, 'y': 2}, {'a': 1, 'b': 2, 'c': 3},
        {'z': 1, 'a': 1, 'Z': 2, 'c': 3}, {'c': 1, 'b': 2}, {'k': 1}, {'a': 1, 'k': 2}, {'a': 1, 'k': 2, 'c': 3},
        {'k': 1, 'b': 2, 'x': 3}]


def make_function(sig):
    parts = list(sig['required']) + ['%s=None' % o for o in sig['optional']]
    if sig['varargs']:
        parts.append('*args')
    named_only = sig.get('named_only', []) + sig.get('optional_named_only', [])
    if named_only and not sig['varargs']:
        parts.append('*')
    parts += sig.get('named_only', []) + ['%s=None' % o for o in sig.get('optional_named_only', [])]
    if sig['varkw']:
        parts.append('**kwargs')
    scope = {}
    exec('def f(%s):\n    return None\n' % ', '.join(parts), scope)
    return scope['f']


def binding_corpus():
    def invocation(method, sig, function, args):
        entry = {'method': method, 'signature': sig, 'args': args}
        try:
            call = handler_invocation(function, Request(method, args))
            if sig is not None and 'named_only' in sig:
                # the reference only finds a missing keyword-only argument when it calls the handler,
                # and answers the TypeError with an internal error; jrpcx answers -32602
                try:
                    call()
                except TypeError as e:
                    entry['type_error'] = str(e)
                    return entry
            entry['ok'] = True
        except RPCError as e:
            entry['code'] = e.code
            entry['message'] = e.message
        return entry

    lines = []
    for method in ('meth', 'sum', 'a "quoted" m\u00e9thod'):
        for sig in SIGNATURES:
            function = make_function(sig)
            lines.extend(invocation(method, sig, function, args) for args in ARGS)
        lines.extend(invocation(method, None, None, args) for args in ([], {}))
    return lines


def write(path, lines):
    with open(path, 'w', encoding='utf-8') as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=True, allow_nan=True) + '\n')


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'jsonrpc')
    sys.setrecursionlimit(1000)
    write(os.path.join(out, 'corpus-messages.jsonl'), message_corpus())
    write(os.path.join(out, 'corpus-connection.jsonl'), connection_corpus())
    write(os.path.join(out, 'corpus-binding.jsonl'), binding_corpus())


if __name__ == '__main__':
    main()
