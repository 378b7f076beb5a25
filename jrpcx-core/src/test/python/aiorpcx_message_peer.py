"""An aiorpcX 0.22.1 MessageSession peer with BitcoinFramer, for jrpcx's message-session interop tests
(MessageInteropTest).

Usage:
  aiorpcx_message_peer.py server MAGIC_HEX MAX_PAYLOAD MAX_BLOCK
      Serves on a free loopback port and prints "listening tcp://127.0.0.1:PORT". Each session echoes
      every message it receives, except 'report', which it answers with a 'report' message whose
      payload is "COUNT ERRORS SHA256HEX": the messages received so far (in stream order, as the framer
      gave them), the session's error count, and the SHA-256 over each received message as
      (u8 command length, command, u32le payload length, payload).
  aiorpcx_message_peer.py client PORT MAGIC_HEX MAX_PAYLOAD MAX_BLOCK SPEC_FILE
      Connects, sends the messages of SPEC_FILE (records as in the digest above), waits until it has
      received as many, then prints "received N DIGEST", the digest of what came back, in stream order.
      A message marked with command '!badsum' is sent with a zeroed checksum, as command 'badsum'.
      If the server closes the connection first, prints "closed N DIGEST" for what came before.
"""
import asyncio
import hashlib
import struct
import sys

from aiorpcx import MessageSession, BitcoinFramer, connect_rs, serve_rs


def record(command, payload):
    return bytes([len(command)]) + command + struct.pack('<I', len(payload)) + payload


class RecordingFramer(BitcoinFramer):
    def __init__(self, magic, max_payload, max_block):
        super().__init__(magic=magic, max_block_size=max_block)
        self.max_payload_size = max_payload
        self.received = []
        self.digest = hashlib.sha256()

    async def receive_message(self):
        message = await super().receive_message()
        self.received.append(message)
        self.digest.update(record(*message))
        return message


def settings(args):
    return bytes.fromhex(args[0]), int(args[1]), int(args[2])


class EchoSession(MessageSession):
    framer_settings = None

    def default_framer(self):
        self.recording = RecordingFramer(*self.framer_settings)
        return self.recording

    async def handle_message(self, message):
        command, payload = message
        if command == b'report':
            text = f'{len(self.recording.received)} {self.errors} {self.recording.digest.hexdigest()}'
            await self.send_message((b'report', text.encode()))
        else:
            await self.send_message(message)


async def serve(args):
    EchoSession.framer_settings = settings(args)
    server = await serve_rs(EchoSession, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    print(f'listening tcp://127.0.0.1:{port}', flush=True)
    await server.serve_forever()


def read_spec(path):
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


class ClientSession(MessageSession):
    framer_settings = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrived = asyncio.Event()

    def default_framer(self):
        self.recording = RecordingFramer(*self.framer_settings)
        return self.recording

    async def handle_message(self, message):
        self.arrived.set()


async def client(args):
    port = int(args[0])
    ClientSession.framer_settings = settings(args[1:4])
    messages = list(read_spec(args[4]))
    async with connect_rs('127.0.0.1', port, session_factory=ClientSession) as session:
        framer = session.transport._framer
        real_checksum = framer._checksum
        for command, payload in messages:
            if command == b'!badsum':
                framer._checksum = lambda p: bytes(4)
                await session.send_message((b'badsum', payload))
                framer._checksum = real_checksum
            else:
                await session.send_message((command, payload))
        expected = sum(1 for c, _ in messages if c != b'!badsum')
        closed = False
        while len(session.recording.received) < expected:
            if session.is_closing():
                closed = True
                break
            session.arrived.clear()
            try:
                await asyncio.wait_for(session.arrived.wait(), 0.5)
            except asyncio.TimeoutError:
                pass
        word = 'closed' if closed else 'received'
        print(f'{word} {len(session.recording.received)} {session.recording.digest.hexdigest()}', flush=True)


if __name__ == '__main__':
    mode, rest = sys.argv[1], sys.argv[2:]
    asyncio.run(serve(rest) if mode == 'server' else client(rest))
