#!/usr/bin/env python3
"""Chapter 06's assignment: an echo server over UDP. The command line is done; the datagrams are yours.

Run:    python3 starter.py --port 7060
Grade:  java -jar 06-udp/target/06-udp.jar grade udp-echo-server -- python3 starter.py --port {port}
"""
import argparse
import signal
import socket
import sys


def main():
    parser = argparse.ArgumentParser(description="echo server over UDP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7060)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((args.host, args.port))
        host, port = sock.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)  # the grader waits for this line
        while True:
            data, peer = sock.recvfrom(1024)
            # TODO: send the datagram back to the address it came from. Is 1024 bytes enough for any datagram?


if __name__ == "__main__":
    main()
