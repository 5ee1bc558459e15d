#!/usr/bin/env python3
"""Chapter 03's assignment: an RFC 868 time server over TCP. The command line is done; the bytes are yours.

Your server, on each connection: send the seconds since 1900-01-01 as 4 bytes, big-endian (network
order), and close. Run:    python3 starter.py --port 7037
Grade:  java -jar 03-binary-data/target/03-binary-data.jar grade time-server -- python3 starter.py --port {port}
"""
import argparse
import signal
import socket
import struct
import sys
import threading
import time

SECONDS_1900_TO_1970 = 2208988800  # 70 years, 17 of them leap years


def serve(conn):
    with conn:
        # TODO: the seconds since 1900-01-01, as 4 bytes in network order; then close
        pass


def main():
    parser = argparse.ArgumentParser(description="RFC 868 time server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7037)
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
                threading.Thread(target=serve, args=(conn,), daemon=True).start()
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
