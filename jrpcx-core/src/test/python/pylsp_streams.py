"""Frames and reads Language Server Protocol messages with pylsp-jsonrpc's streams (Debian's
python3-pylsp-jsonrpc, the framing under python3-pylsp), for jrpcx's ContentLengthInteropTest.

Usage: pylsp_streams.py write IN OUT   IN holds one JSON message per line; OUT gets them framed by
                                       JsonRpcStreamWriter
       pylsp_streams.py read IN        reads IN, framed messages, with JsonRpcStreamReader and prints
                                       each message as one line of JSON
"""
import json
import sys

from pylsp_jsonrpc.streams import JsonRpcStreamReader, JsonRpcStreamWriter


def main():
    if sys.argv[1] == 'write':
        with open(sys.argv[2], encoding='utf-8') as lines, open(sys.argv[3], 'wb') as out:
            writer = JsonRpcStreamWriter(out)
            for line in lines:
                writer.write(json.loads(line))
    else:
        with open(sys.argv[2], 'rb') as rfile:
            JsonRpcStreamReader(rfile).listen(
                lambda message: print(json.dumps(message, ensure_ascii=False), flush=True))


main()
