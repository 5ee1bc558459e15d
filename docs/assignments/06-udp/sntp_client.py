#!/usr/bin/env python3
"""SNTP client (RFC 4330): the reference solution of chapter 06's client assignment.

Sends one 48-byte request (version 4, mode 3, this clock as its transmit timestamp), waits at most
--timeout-ms for the reply that answers it (its originate timestamp is our transmit timestamp), and
prints the server's time in ISO-8601 UTC. Exits 1 with one line on stderr when no such reply comes.
Standard library only.
Graded with:  java -jar 06-udp/target/06-udp.jar grade sntp-client -- python3 sntp_client.py --port {port}
"""
import argparse
import datetime
import socket
import struct
import sys
import time

SECONDS_1900_TO_1970 = 2208988800
PACKET = struct.Struct("!BBbbIi4sQQQQ")


def to_unix(ntp):
    seconds, fraction = ntp >> 32, ntp & 0xFFFFFFFF
    if seconds < 1 << 31:
        seconds += 1 << 32  # top bit clear: past the 2036 wrap (RFC 4330, section 3)
    return seconds - SECONDS_1900_TO_1970 + fraction / (1 << 32)


def query(host, port, timeout):
    now = time.time()
    transmit = (int(now) + SECONDS_1900_TO_1970) << 32 | int((now % 1) * (1 << 32))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)  # a datagram may be lost: never wait for it forever
        sock.connect((host, port))  # replies from anyone else are not delivered to this socket
        sock.send(PACKET.pack(4 << 3 | 3, 0, 0, 0, 0, 0, b"\0" * 4, 0, 0, 0, transmit))
        deadline = time.monotonic() + timeout
        while True:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            reply = sock.recv(65507)
            if len(reply) < PACKET.size:
                continue
            first, stratum, *_, originate, received, sent = PACKET.unpack_from(reply)
            if first & 7 == 4 and originate == transmit and stratum != 0:
                return to_unix(sent)
            # a reply to another request, or a kiss-o'-death: not ours to believe; wait for the right one


def main():
    parser = argparse.ArgumentParser(description="SNTP client (RFC 4330)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7062)
    parser.add_argument("--timeout-ms", type=int, default=2000)
    args = parser.parse_args()
    try:
        server_time = query(args.host, args.port, args.timeout_ms / 1000)
    except socket.timeout:
        print(f"sntp-client: {args.host}:{args.port}: no reply within {args.timeout_ms} ms", file=sys.stderr)
        sys.exit(1)
    except OSError as e:
        print(f"sntp-client: {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        sys.exit(1)
    instant = datetime.datetime.fromtimestamp(server_time, datetime.timezone.utc)
    print("server time " + instant.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


if __name__ == "__main__":
    main()
