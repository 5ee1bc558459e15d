#!/usr/bin/env python3
"""Chapter 02's assignment: a frame echo server. The command line is done; the framing is yours.

Run:    python3 starter.py --framing length --port 7008
Grade:  java -jar 02-framing/target/02-framing.jar grade frame-server --framing length -- python3 starter.py --framing length --port {port}
"""
import argparse
import signal
import socket
import sys
import threading


def serve(conn, peer, framing, max_frame):
    """TODO: read what arrives, find every whole frame in it, send each back, keep the rest for the next read.
    A frame over max_frame, or bytes that are no frame: close this connection (and say so on stderr)."""
    conn.close()


def main():
    parser = argparse.ArgumentParser(description="frame echo server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7008)
    parser.add_argument("--framing", choices=["length", "line", "netstring"], required=True)
    parser.add_argument("--max-frame", type=int)
    args = parser.parse_args()
    max_frame = args.max_frame or {"length": 1048576, "line": 8192, "netstring": 1048576}[args.framing]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen(128)
        host, port = listener.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)  # the grader waits for this line
        while True:
            conn, peer = listener.accept()
            threading.Thread(target=serve, args=(conn, peer, args.framing, max_frame), daemon=True).start()


if __name__ == "__main__":
    main()
