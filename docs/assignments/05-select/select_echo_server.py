#!/usr/bin/env python3
"""RFC 862 echo server on one thread with non-blocking sockets and select: chapter 05's reference solution.

Per connection: a queue of output not yet sent; write interest only while it is not empty; and
backpressure: past 256 KiB queued, stop reading that client until it drains.
Standard library only. Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar grade select-echo-server -- python3 select_echo_server.py --port {port}
"""
import argparse
import selectors
import signal
import socket
import sys

MAX_PENDING = 256 * 1024


class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.pending = bytearray()  # echo not yet sent
        self.input_ended = False


def interest(conn):
    events = 0
    if not conn.input_ended and len(conn.pending) < MAX_PENDING:
        events |= selectors.EVENT_READ  # backpressure: stop reading a client that does not read
    if conn.pending:
        events |= selectors.EVENT_WRITE  # only while something waits: an idle socket is always writable
    return events


def main():
    parser = argparse.ArgumentParser(description="RFC 862 echo server on select")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7050)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    selector = selectors.DefaultSelector()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(1024)
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ, None)
    host, port = listener.getsockname()[:2]
    print(f"listening on {host}:{port}", flush=True)
    while True:
        for key, events in selector.select():
            if key.data is None:
                try:
                    sock, _ = listener.accept()
                except OSError:
                    continue  # out of descriptors, say: try again at the next turn
                sock.setblocking(False)
                selector.register(sock, selectors.EVENT_READ, Connection(sock))
                continue
            conn = key.data
            try:
                if events & selectors.EVENT_READ:
                    data = conn.sock.recv(65536)
                    if data:
                        conn.pending += data
                    else:
                        conn.input_ended = True
                if conn.pending:
                    try:
                        sent = conn.sock.send(conn.pending)  # may send less than asked
                    except BlockingIOError:
                        sent = 0  # the buffers are full: a slow reader, not a broken connection
                    del conn.pending[:sent]
                if conn.input_ended and not conn.pending:
                    conn.sock.shutdown(socket.SHUT_WR)
                    selector.unregister(conn.sock)
                    conn.sock.close()
                    continue
                selector.modify(conn.sock, interest(conn), conn)
            except OSError:
                selector.unregister(conn.sock)
                conn.sock.close()


if __name__ == "__main__":
    main()
