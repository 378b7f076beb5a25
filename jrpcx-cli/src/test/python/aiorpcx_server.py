#!/usr/bin/python3
"""Reference interop server for jrpcx tests, built on Python aiorpcX.

Serves the jrpcx interop methods (echo, sum, sleep, fail, bye, call_me_back) on
127.0.0.1 over newline-framed TCP (or TLS, WebSocket, a Unix socket: --transport), and
prints ``listening URL`` on stdout once the listener is ready.

    /usr/bin/python3 aiorpcx_server.py --port 0 --protocol v2
"""

import asyncio
import numbers
import sys

import aiorpcx
from aiorpcx import JSONRPC, RPCError, ReplyAndDisconnect

from peer_common import ProtocolSession, parse_options, serve


def is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class InteropSession(ProtocolSession):

    def __init__(self, transport, **kwargs):
        super().__init__(transport, **kwargs)
        self.handlers = {
            'echo': self.on_echo,
            'sum': self.on_sum,
            'sleep': self.on_sleep,
            'fail': self.on_fail,
            'bye': self.on_bye,
            'call_me_back': self.on_call_me_back,
        }
        print(f'connection opened from {self.remote_address()}', file=sys.stderr, flush=True)

    async def connection_lost(self):
        await super().connection_lost()
        print(f'connection closed from {self.remote_address()}', file=sys.stderr, flush=True)

    async def handle_request(self, request):
        handler = self.handlers.get(request.method)
        invocation = aiorpcx.handler_invocation(handler, request)
        return await invocation()

    async def on_echo(self, message):
        return message

    async def on_sum(self, *values):
        for value in values:
            if not is_number(value):
                raise RPCError(JSONRPC.INVALID_ARGS, 'sum: every argument must be a number')
        return sum(values)

    async def on_sleep(self, seconds):
        if not is_number(seconds) or seconds < 0:
            raise RPCError(JSONRPC.INVALID_ARGS, 'sleep: seconds must be a non-negative number')
        await asyncio.sleep(seconds)
        return seconds

    async def on_fail(self, code, message):
        if not isinstance(code, int) or isinstance(code, bool) or not -2**31 <= code < 2**31:
            raise RPCError(JSONRPC.INVALID_ARGS, 'fail: code must be an integer')
        if not isinstance(message, str):
            raise RPCError(JSONRPC.INVALID_ARGS, 'fail: message must be a string')
        raise RPCError(code, message)

    async def on_bye(self):
        raise ReplyAndDisconnect('bye')

    async def on_call_me_back(self, method, *args):
        if not isinstance(method, str):
            raise RPCError(JSONRPC.INVALID_ARGS, 'call_me_back: method must be a string')
        return await self.send_request(method, list(args))


async def main():
    options = parse_options('aiorpcX interop server', port_required=False)
    InteropSession.protocol = options.protocol
    server, url = await serve(options, InteropSession)
    print(f'listening {url}', flush=True)
    await asyncio.Event().wait()


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
