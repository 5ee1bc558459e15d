#!/usr/bin/env python3
"""Chapter 05's assignment: an echo server on one thread, non-blocking sockets and select.

The command line and the loop's shape are done; what each event does is yours.
Run:    python3 starter.py --port 7050
Grade:  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar grade select-echo-server -- python3 starter.py --port {port}
"""
import argparse
import selectors
import signal
import socket
import sys


def main():
    parser = argparse.ArgumentParser(description="echo server with select")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7050)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    selector = selectors.DefaultSelector()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen(1024)
        listener.setblocking(False)
        selector.register(listener, selectors.EVENT_READ)
        host, port = listener.getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)  # the grader waits for this line
        while True:
            for key, events in selector.select():
                if key.fileobj is listener:
                    conn, _ = listener.accept()
                    conn.close()  # TODO: make it non-blocking and register it for reading
                # TODO: readable: recv what has arrived, queue it; writable: send what the queue holds.
                # Ask for write events only while the queue is not empty, and stop reading a client whose
                # queue has grown large: it does not read, and must not stall the others.


if __name__ == "__main__":
    main()
