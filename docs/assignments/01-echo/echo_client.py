#!/usr/bin/env python3
"""RFC 862 echo client: the reference solution of chapter 01's client assignment.

Standard library only. Sends its words, joined by spaces, plus a newline; prints the echo; exits 0 only
if the echo is what it sent, 1 with one line on stderr when it cannot get it.
Graded with:  java -jar 01-blocking/target/01-blocking.jar grade echo-client -- python3 echo_client.py --port {port}
"""
import argparse
import socket
import sys


def exchange(host, port, message, timeout):
    """Sends the whole message, says so with a half-close, and reads until the server's end of stream."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)  # "I am done sending": the server echoes the rest, then closes
        echo = bytearray()
        while True:
            data = sock.recv(65536)  # whatever has arrived: a piece of the echo, not all of it
            if not data:
                return bytes(echo)
            echo += data


def main():
    parser = argparse.ArgumentParser(description="RFC 862 echo client")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7007)
    parser.add_argument("--timeout-ms", type=int, default=10000)
    parser.add_argument("words", nargs="+")
    args = parser.parse_args()
    message = (" ".join(args.words) + "\n").encode()
    try:
        echo = exchange(args.host, args.port, message, args.timeout_ms / 1000)
    except OSError as e:
        print(f"echo-client: {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        sys.exit(1)
    sys.stdout.buffer.write(echo)
    sys.stdout.flush()
    if echo != message:
        print("echo-client: the echo differs from what was sent", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
