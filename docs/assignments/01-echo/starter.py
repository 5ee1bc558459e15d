#!/usr/bin/env python3
"""Chapter 01's assignment: an RFC 862 echo server. The command line is done; the protocol is yours.

Run:    python3 starter.py --port 7007
Grade:  java -jar 01-blocking/target/01-blocking.jar grade echo-server -- python3 starter.py --port {port}
"""
import argparse
import signal
import socket
import sys


def serve(conn, peer):
    """TODO: echo every byte the client sends; when it half-closes, half-close too."""
    conn.close()


def main():
    parser = argparse.ArgumentParser(description="RFC 862 echo server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7007)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen(128)
        host, port = listener.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)  # the grader waits for this line
        while True:
            conn, peer = listener.accept()
            serve(conn, peer)  # TODO: more than one client at a time


if __name__ == "__main__":
    main()
