#!/usr/bin/python3
"""Interop client for jrpcx tests, built on Python aiorpcX.

Connects to a server offering the jrpcx interop methods and exercises it: requests, named
arguments, errors, a batch, a notification and server-to-client requests answered by this
client's own handler.  Prints one JSON object per line, one per step, then ``{"step": "done"}``:

    {"step": "echo", "result": "hello"}
    {"step": "fail", "error": [-32000, "boom"]}

    /usr/bin/python3 aiorpcx_client.py --port 8000 --protocol v2
    /usr/bin/python3 aiorpcx_client.py --port 8443 --transport tls --cafile ca.pem --host localhost
"""

import asyncio
import json
import sys

import aiorpcx
from aiorpcx import RPCError

from peer_common import Connection, ProtocolSession, parse_options


def emit(step, **fields):
    print(json.dumps(dict(step=step, **fields)), flush=True)


class ClientSession(ProtocolSession):
    """Answers the server's requests: client.greet(name) and client.fail()."""

    def __init__(self, transport, **kwargs):
        super().__init__(transport, **kwargs)
        self.served = []

    async def handle_request(self, request):
        self.served.append(request.method)
        if request.method == 'client.greet':
            return f'hello {request.args[0]}'
        if request.method == 'client.fail':
            raise RPCError(-32001, 'client says no')
        raise RPCError(aiorpcx.JSONRPC.METHOD_NOT_FOUND, f'unknown method "{request.method}"')


async def call(session, step, method, args):
    try:
        emit(step, result=await session.send_request(method, args))
    except RPCError as e:
        emit(step, error=[e.code, e.message])


async def main():
    options = parse_options('aiorpcX interop client', port_required=True)
    ClientSession.protocol = options.protocol

    async with Connection(options, ClientSession) as session:
        await call(session, 'echo', 'echo', ['hello'])
        await call(session, 'echo_named', 'echo', {'message': 'named'})
        await call(session, 'sum', 'sum', [1, 2, 3])
        await call(session, 'sum_float', 'sum', [1, 2.5])
        await call(session, 'sum_big', 'sum', [123456789012345678901234567890, 1])
        await call(session, 'fail', 'fail', [-32000, 'boom'])
        await call(session, 'fail_named', 'fail', {'code': 42, 'message': 'named boom'})
        await call(session, 'unknown', 'no_such_method', [])
        await call(session, 'arity', 'echo', [])
        await call(session, 'bad_name', 'echo', {'msg': 1})

        async with session.send_batch() as batch:
            batch.add_request('echo', ['in a batch'])
            batch.add_request('sum', [2, 3])
            batch.add_request('fail', [7, 'batch boom'])
            batch.add_notification('echo', ['ignored'])
        emit('batch', results=[[r.code, r.message] if isinstance(r, RPCError) else r for r in batch.results])

        await session.send_notification('echo', ['a notification'])
        await call(session, 'after_notification', 'echo', ['still here'])

        await call(session, 'call_me_back', 'call_me_back', ['client.greet', 'jrpcx'])
        await call(session, 'call_me_back_error', 'call_me_back', ['client.fail'])
        emit('served', methods=session.served)

        await call(session, 'sleep', 'sleep', [0.05])
        await call(session, 'bye', 'bye', [])
        for _ in range(100):
            if session.is_closing():
                break
            await asyncio.sleep(0.05)
        emit('closed', closed=session.is_closing())
    emit('done')


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except (OSError, aiorpcx.TaskTimeout) as e:
        print(f'aiorpcx_client: {e}', file=sys.stderr)
        sys.exit(3)
