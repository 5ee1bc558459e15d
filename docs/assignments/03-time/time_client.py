#!/usr/bin/env python3
"""RFC 868 time client over TCP: the reference solution of chapter 03's client assignment.

Reads exactly 4 bytes, an unsigned big-endian count of seconds since 1900-01-01, and prints the instant
in ISO-8601 UTC. A count with its top bit clear is past the 2036 wrap (RFC 4330's rule). Exits 1 with
one line on stderr when it cannot. Standard library only.
Graded with:  java -jar 03-binary-data/target/03-binary-data.jar grade time-client -- python3 time_client.py --port {port}
"""
import argparse
import datetime
import socket
import struct
import sys

SECONDS_1900_TO_1970 = 2208988800  # 70 years, 17 of them leap years
ERA = 1 << 32


def read_exactly(sock, count):
    """recv returns what has arrived, perhaps 1 byte: loop until count bytes, or fail on end of stream."""
    data = b""
    while len(data) < count:
        piece = sock.recv(count - len(data))
        if not piece:
            raise EOFError(f"the server closed after {len(data)} of {count} bytes")
        data += piece
    return data


def main():
    parser = argparse.ArgumentParser(description="RFC 868 time client")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7037)
    parser.add_argument("--timeout-ms", type=int, default=10000)
    args = parser.parse_args()
    try:
        with socket.create_connection((args.host, args.port), timeout=args.timeout_ms / 1000) as sock:
            seconds, = struct.unpack("!I", read_exactly(sock, 4))  # ! is network order, I unsigned 32 bits
    except (OSError, EOFError) as e:
        print(f"time-client: {args.host}:{args.port}: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
        sys.exit(1)
    if seconds < 1 << 31:
        seconds += ERA  # top bit clear: 2036-2104, not 1900-1968
    instant = datetime.datetime.fromtimestamp(seconds - SECONDS_1900_TO_1970, datetime.timezone.utc)
    print(instant.strftime("%Y-%m-%dT%H:%M:%SZ"))


if __name__ == "__main__":
    main()
