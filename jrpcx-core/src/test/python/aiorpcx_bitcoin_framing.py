"""Frames and decodes Bitcoin P2P messages with aiorpcX 0.22.1's BitcoinFramer, for jrpcx's
differential test (BitcoinInteropTest).

Usage: aiorpcx_bitcoin_framing.py DIR MAGIC_HEX MAX_PAYLOAD_SIZE MAX_BLOCK_SIZE

Reads DIR/messages.bin, records of (u8 command length, command, u32 payload length, payload), and
writes DIR/aiorpcx.bin: each message framed by aiorpcX, as records of (u32 length, bytes).
Decodes each DIR/*.stream with a fresh aiorpcX framer and writes DIR/*.decoded: records of
(u8 kind, u8 command length, command, u32 payload length, payload), kind 0 for a message, 1 for
BadChecksumError, 2 for BadMagicError, 3 for OversizedPayloadError. Decoding stops at the first
BadMagicError or OversizedPayloadError, where aiorpcX's MessageSession closes the connection.
All integers little-endian.
"""
import asyncio
import glob
import struct
import sys

from aiorpcx.framing import (BitcoinFramer, BadChecksumError, BadMagicError,
                             OversizedPayloadError)


def make_framer(magic, max_payload, max_block):
    framer = BitcoinFramer(magic=magic, max_block_size=max_block)
    framer.max_payload_size = max_payload
    return framer


def read_messages(path):
    data = open(path, 'rb').read()
    pos = 0
    while pos < len(data):
        n = data[pos]
        command = data[pos + 1:pos + 1 + n]
        pos += 1 + n
        (length,) = struct.unpack_from('<I', data, pos)
        pos += 4
        yield command, data[pos:pos + length]
        pos += length


def record(kind, command=b'', payload=b''):
    return bytes([kind, len(command)]) + command + struct.pack('<I', len(payload)) + payload


async def decode(framer, stream):
    framer.received_bytes(stream)
    queue = framer.byte_queue
    out = []
    while queue.parts_len > 0 or not queue.queue.empty():
        try:
            command, payload = await asyncio.wait_for(framer.receive_message(), 30)
            out.append(record(0, command, payload))
        except BadChecksumError:
            out.append(record(1))
        except BadMagicError:
            out.append(record(2))
            break
        except OversizedPayloadError:
            out.append(record(3))
            break
        except asyncio.TimeoutError:
            break
    return b''.join(out)


async def main():
    directory, magic, max_payload, max_block = sys.argv[1:5]
    magic = bytes.fromhex(magic)
    max_payload, max_block = int(max_payload), int(max_block)
    framer = make_framer(magic, max_payload, max_block)
    with open(f'{directory}/aiorpcx.bin', 'wb') as f:
        for command, payload in read_messages(f'{directory}/messages.bin'):
            framed = framer.frame((command, payload))
            f.write(struct.pack('<I', len(framed)) + framed)
    for path in sorted(glob.glob(f'{directory}/*.stream')):
        decoded = await decode(make_framer(magic, max_payload, max_block), open(path, 'rb').read())
        with open(path[:-len('.stream')] + '.decoded', 'wb') as f:
            f.write(decoded)


asyncio.run(main())
