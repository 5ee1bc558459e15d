#!/usr/bin/env python3
"""RFC 862 echo over a Unix domain socket, a thread per connection: chapter 07's reference solution.

The socket file: refused if someone is listening on it, replaced if stale, made owner-only (rw-------),
and deleted on SIGTERM. Standard library only. Prints 'listening on PATH' first.
Graded with:  java -jar 07-ipc/target/07-ipc.jar grade uds-echo-server -- python3 uds_echo_server.py --path {path}
"""
import argparse
import os
import signal
import socket
import stat
import sys
import threading


def serve(conn):
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
            conn.shutdown(socket.SHUT_WR)
        except OSError as e:
            print(f"peer: {e}", file=sys.stderr, flush=True)


def prepare(path):
    """Makes the path free to bind, or says why not: a live server keeps it, a stale file goes."""
    if not os.path.exists(path):
        return
    if not stat.S_ISSOCK(os.lstat(path).st_mode):
        sys.exit(f"{path} exists and is not a socket; not touching it")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
        sys.exit(f"another server is listening on {path}")
    except ConnectionRefusedError:
        os.unlink(path)  # stale: left by a server that did not shut down cleanly
    finally:
        probe.close()


def main():
    parser = argparse.ArgumentParser(description="echo over a Unix domain socket")
    parser.add_argument("--path", required=True)
    args = parser.parse_args()
    prepare(args.path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.path)
    os.chmod(args.path, 0o600)  # other local users cannot connect

    def stop(*_):
        listener.close()
        os.unlink(args.path)  # a clean shutdown leaves no file behind
        sys.exit(143)

    signal.signal(signal.SIGTERM, stop)
    listener.listen(128)
    print(f"listening on {args.path}", flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
