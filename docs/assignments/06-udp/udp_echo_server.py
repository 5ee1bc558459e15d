#!/usr/bin/env python3
"""RFC 862 echo over UDP: the reference solution of chapter 06's echo assignment.

Each datagram goes back, whole, to the address it came from. One socket serves every client: there are
no connections. Standard library only. Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:  java -jar 06-udp/target/06-udp.jar grade udp-echo-server -- python3 udp_echo_server.py --port {port}
"""
import argparse
import signal
import socket
import sys

MAX_DATAGRAM = 65507  # the most an IPv4 UDP datagram carries: a smaller buffer cuts datagrams silently


def main():
    parser = argparse.ArgumentParser(description="RFC 862 echo server over UDP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7060)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((args.host, args.port))
        host, port = sock.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        try:
            while True:
                data, peer = sock.recvfrom(MAX_DATAGRAM)  # b"" is an empty datagram, not an end of anything
                try:
                    sock.sendto(data, peer)  # to the sender's address: each datagram says where it came from
                except OSError as e:
                    print(f"peer {peer[0]}:{peer[1]}: {e}", file=sys.stderr, flush=True)
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
