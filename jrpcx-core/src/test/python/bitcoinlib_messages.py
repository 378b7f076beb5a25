"""Makes Bitcoin main-net messages with Debian's python3-bitcoinlib (bitcoin.messages), for jrpcx's
independent-implementation test (BitcoinlibInteropTest).

Usage: bitcoinlib_messages.py make            prints one line per message: COMMAND PAYLOAD_HEX WIRE_HEX
       bitcoinlib_messages.py read FILE       reads FILE, a stream of framed messages, with
                                              bitcoinlib's own deserialiser, and prints one line per
                                              message: COMMAND WIRE_HEX (bitcoinlib's re-serialisation)
"""
import io
import sys

import bitcoin
from bitcoin.core import CBlock, lx
from bitcoin.messages import (MsgSerializable, msg_block, msg_inv, msg_ping, msg_verack,
                              msg_version)
from bitcoin.net import CInv

bitcoin.SelectParams('mainnet')


def messages():
    version = msg_version()
    version.nTime = 1_700_000_000
    version.nNonce = 0x0123456789ABCDEF
    version.nStartingHeight = 820_000
    version.strSubVer = b'/jrpcx-test:0.1/'
    version.addrTo.ip = '127.0.0.1'
    version.addrTo.port = 8333
    version.addrFrom.ip = '10.0.0.1'
    version.addrFrom.port = 18333
    inv = msg_inv()
    for kind, h in ((1, 'aa' * 32), (2, '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f')):
        item = CInv()
        item.type = kind
        item.hash = lx(h)
        inv.inv.append(item)
    block = msg_block()
    block.block = bitcoin.params.GENESIS_BLOCK
    return [version, msg_verack(), msg_ping(nonce=0xFEEDFACECAFEBEEF), inv, block]


def main():
    if sys.argv[1] == 'make':
        for m in messages():
            wire = m.to_bytes()
            print(m.command.decode('ascii'), wire[24:].hex(), wire.hex())
    else:
        data = open(sys.argv[2], 'rb').read()
        f = io.BytesIO(data)
        while f.tell() < len(data):
            m = MsgSerializable.stream_deserialize(f)
            print(m.command.decode('ascii'), m.to_bytes().hex())


main()
