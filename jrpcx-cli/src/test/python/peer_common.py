"""What the aiorpcX interop peers for jrpcx tests share: the protocol choice and the command line."""

import argparse

import aiorpcx

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
    options = parser.parse_args()
    options.protocol = PROTOCOLS[options.protocol]
    return options
