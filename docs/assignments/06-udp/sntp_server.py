#!/usr/bin/env python3
"""SNTP server (RFC 4330) from this machine's clock: the reference solution of chapter 06's SNTP assignment.

A request is 48 bytes, mode 3; the reply is 48 bytes, mode 4, the same version, stratum 1, the
request's transmit timestamp copied into the originate field, and this clock as NTP timestamps (seconds
since 1900 and a 32-bit fraction, big-endian). Anything else is logged and dropped. Standard library only.
Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:  java -jar 06-udp/target/06-udp.jar grade sntp-server -- python3 sntp_server.py --port {port}
"""
import argparse
import signal
import socket
import struct
import sys
import time

SECONDS_1900_TO_1970 = 2208988800
PACKET = struct.Struct("!BBbbIi4sQQQQ")  # 48 bytes, network order: LI/VN/mode, stratum, poll, precision, ...


def ntp_now():
    """This clock as a 64-bit NTP timestamp: seconds since 1900 (mod 2^32) and a fraction of 2^-32 s."""
    now = time.time()
    seconds = (int(now) + SECONDS_1900_TO_1970) & 0xFFFFFFFF
    return seconds << 32 | int((now % 1) * (1 << 32))


def answer(request):
    """The reply to a request, or None for what is no request (too short, not mode 3, bad version)."""
    if len(request) < PACKET.size:
        return None
    first, _, poll, _, _, _, _, _, _, _, transmit = PACKET.unpack_from(request)
    version, mode = first >> 3 & 7, first & 7
    if mode != 3 or not 1 <= version <= 4:
        return None
    received = ntp_now()
    return PACKET.pack(version << 3 | 4, 1, poll, -20, 0, 0, b"LOCL", received, transmit, received, ntp_now())


def main():
    parser = argparse.ArgumentParser(description="SNTP server (RFC 4330)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7062)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((args.host, args.port))
        host, port = sock.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        try:
            while True:
                request, peer = sock.recvfrom(65507)
                reply = answer(request)
                if reply is None:
                    print(f"peer {peer[0]}:{peer[1]}: {len(request)} bytes that are no SNTP request; dropped",
                          file=sys.stderr, flush=True)
                    continue
                sock.sendto(reply, peer)
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
