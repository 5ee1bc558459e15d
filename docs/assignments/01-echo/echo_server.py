#!/usr/bin/env python3
"""RFC 862 echo server, a thread per connection: the reference solution of chapter 01's assignment.

Standard library only. Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:  java -jar 01-blocking/target/01-blocking.jar grade echo-server -- python3 echo_server.py --port {port}
"""
import argparse
import signal
import socket
import sys
import threading


def serve(conn, peer):
    """Echoes every byte until the client half-closes, then half-closes too."""
    with conn:
        try:
            while True:
                data = conn.recv(65536)  # whatever has arrived: not a message
                if not data:
                    break  # the client half-closed: everything it sent has been echoed
                conn.sendall(data)
            conn.shutdown(socket.SHUT_WR)  # say we are done too: the client reads end of stream
        except OSError as e:
            print(f"peer {peer[0]}:{peer[1]}: {e}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description="RFC 862 echo server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7007)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # leave the accept loop, close the listener
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen(128)
        host, port = listener.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        try:
            while True:
                conn, peer = listener.accept()
                threading.Thread(target=serve, args=(conn, peer), daemon=True).start()
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
