#!/usr/bin/env python3
"""Chapter 07's assignment: an echo server on a Unix domain socket. The command line is done; the rest is yours.

Run:    python3 starter.py --path /tmp/echo.sock
Grade:  java -jar 07-ipc/target/07-ipc.jar grade uds-echo-server -- python3 starter.py --path {path}
"""
import argparse
import os
import signal
import socket
import sys


def main():
    parser = argparse.ArgumentParser(description="echo over a Unix domain socket")
    parser.add_argument("--path", required=True)
    args = parser.parse_args()
    # TODO: a stale socket file left by a crashed server makes bind fail; a live server's must not be taken.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(args.path)
        try:
            # TODO: owner-only (rw-------) before anyone can connect
            listener.listen(128)
            print(f"listening on {args.path}", flush=True)  # the grader waits for this line
            while True:
                conn, _ = listener.accept()
                conn.close()  # TODO: echo every byte, then half-close, more than one client at a time
        finally:
            os.unlink(args.path)  # the file outlives the socket unless deleted


if __name__ == "__main__":
    main()
