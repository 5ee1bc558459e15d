#!/usr/bin/env python3
"""Digest server, a thread per connection: the reference solution of chapter 04's assignment.

HTTP/1.0's pattern without a length: read the request until the client half-closes, reply with one line,
'<byte count> <SHA-256 hex>', and close. Over --max-request bytes: 'error: ...' instead.
Standard library only. Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:
  java -jar 04-shutdown/target/04-shutdown.jar grade digest-server --max-request 1000000 -- python3 digest_server.py --max-request 1000000 --port {port}
"""
import argparse
import hashlib
import signal
import socket
import sys
import threading


def serve(conn, max_request):
    with conn:
        digest = hashlib.sha256()
        count = 0
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break  # the client half-closed: the request is complete, and its side can still read
                count += len(data)
                if count > max_request:
                    conn.sendall(f"error: request exceeds maximum {max_request} bytes\n".encode())
                    conn.shutdown(socket.SHUT_WR)
                    return
                digest.update(data)
            conn.sendall(f"{count} {digest.hexdigest()}\n".encode())
            conn.shutdown(socket.SHUT_WR)
        except OSError as e:
            print(f"peer: {e}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description="digest server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7040)
    parser.add_argument("--max-request", type=int, default=64 * 1024 * 1024)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen(128)
        host, port = listener.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        try:
            while True:
                conn, _ = listener.accept()
                threading.Thread(target=serve, args=(conn, args.max_request), daemon=True).start()
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
