"""What the aiorpcX interop peers for jrpcx tests share: the protocol choice, the command line, and
the transports (tcp, tls, ws, wss, unix) over aiorpcX 0.22.1's raw-socket and WebSocket helpers."""

import argparse
import asyncio
import ssl
from functools import partial

import aiorpcx
from aiorpcx.rawsocket import RSTransport
from aiorpcx.session import SessionKind

PROTOCOLS = {
    'v1': aiorpcx.JSONRPCv1,
    'v2': aiorpcx.JSONRPCv2,
    'loose': aiorpcx.JSONRPCLoose,
    'auto': aiorpcx.JSONRPCAutoDetect,
}


class ProtocolSession(aiorpcx.RPCSession):
    """An RPC session speaking the protocol class named by its ``protocol`` attribute."""
    protocol = aiorpcx.JSONRPCv2

    def __init__(self, transport, **kwargs):
        connection = aiorpcx.JSONRPCConnection(self.protocol)
        super().__init__(transport, connection=connection, **kwargs)


def parse_options(description, port_required):
    """Parses --host, --port and --protocol; the protocol comes back as its class."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--host', default='127.0.0.1')
    if port_required:
        parser.add_argument('--port', type=int, required=True)
    else:
        parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--protocol', choices=sorted(PROTOCOLS), default='v2')
    parser.add_argument('--transport', choices=['tcp', 'tls', 'ws', 'wss', 'unix'], default='tcp')
    parser.add_argument('--path', default='/', help='the WebSocket path, or the Unix socket path')
    parser.add_argument('--cafile', help='PEM CA file a TLS client trusts')
    parser.add_argument('--cert', help='PEM certificate chain of a TLS server')
    parser.add_argument('--key', help='PEM key of a TLS server')
    options = parser.parse_args()
    options.protocol = PROTOCOLS[options.protocol]
    return options


class UnixClientTransport(RSTransport):
    """aiorpcX's raw-socket transport on a Unix socket: its peer has no host and port to read."""

    def connection_made(self, transport):
        self._proxy = ()
        super().connection_made(transport)


def client_ssl(options):
    return ssl.create_default_context(cafile=options.cafile)


def server_ssl(options):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(options.cert, options.key)
    return ctx


class Connection:
    """``async with Connection(options, Session) as session``: a client session over the chosen transport."""

    def __init__(self, options, session_factory):
        self.options = options
        self.session_factory = session_factory
        self.session = None
        self.ws = None

    async def __aenter__(self):
        o = self.options
        if o.transport in ('tcp', 'tls'):
            self.rs = aiorpcx.connect_rs(o.host, o.port, session_factory=self.session_factory,
                                         ssl=client_ssl(o) if o.transport == 'tls' else None)
            self.session = await self.rs.__aenter__()
        elif o.transport in ('ws', 'wss'):
            uri = f'{o.transport}://{o.host}:{o.port}{o.path}'
            kwargs = {'ssl': client_ssl(o)} if o.transport == 'wss' else {}
            self.ws = aiorpcx.connect_ws(uri, **kwargs)
            # 0.22.1's connect_ws drops its session_factory argument: give it to the connector
            self.ws.kwargs['session_factory'] = self.session_factory
            self.session = await self.ws.__aenter__()
        else:
            loop = asyncio.get_running_loop()
            _, protocol = await loop.create_unix_connection(
                partial(UnixClientTransport, self.session_factory, None, SessionKind.CLIENT), o.path)
            self.session = protocol.session
        return self.session

    async def __aexit__(self, *exc):
        await self.session.close()


async def serve(options, session_factory):
    """Starts a server on the chosen transport; returns it and the URL it listens on."""
    o = options
    if o.transport in ('tcp', 'tls'):
        server = await aiorpcx.serve_rs(session_factory, o.host, o.port,
                                        ssl=server_ssl(o) if o.transport == 'tls' else None)
    elif o.transport in ('ws', 'wss'):
        server = await aiorpcx.serve_ws(session_factory, o.host, o.port,
                                        ssl=server_ssl(o) if o.transport == 'wss' else None)
    else:
        loop = asyncio.get_running_loop()
        server = await loop.create_unix_server(
            partial(RSTransport, session_factory, None, SessionKind.SERVER), o.path)
        return server, f'unix://{o.path}'
    host, port = server.sockets[0].getsockname()[:2]
    suffix = o.path if o.transport in ('ws', 'wss') else ''
    return server, f'{o.transport}://{host}:{port}{suffix}'
