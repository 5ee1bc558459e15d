#!/usr/bin/env python3
"""Frame echo server, a thread per connection: the reference solution of chapter 02's assignment.

Echoes each complete message back, framed the same way, for --framing length, line or netstring.
Standard library only. Prints 'listening on HOST:PORT' first, serves until SIGINT or SIGTERM.
Graded with:
  java -jar 02-framing/target/02-framing.jar grade frame-server --framing length -- python3 frame_server.py --framing length --port {port}
"""
import argparse
import signal
import socket
import sys
import threading


class FrameError(Exception):
    """The peer sent bytes that are no valid frame, or a frame over the limit."""


def frames(buffer, framing, max_frame):
    """Splits whole frames off the front of buffer; returns (frames, what is left for the next read)."""
    found = []
    while True:
        if framing == "length":
            if len(buffer) < 4:
                break
            length = int.from_bytes(buffer[:4], "big")  # network order
            if length > max_frame:
                raise FrameError(f"frame length {length} exceeds maximum {max_frame}")
            if len(buffer) < 4 + length:
                break
            found.append(buffer[:4 + length])
            buffer = buffer[4 + length:]  # keep the rest: it is the start of the next frame
        elif framing == "line":
            end = buffer.find(b"\n")
            if end < 0:
                if len(buffer) > max_frame:
                    raise FrameError(f"line of {len(buffer)} bytes with no newline, maximum {max_frame}")
                break
            if end > max_frame:
                raise FrameError(f"line of {end} bytes, maximum {max_frame}")
            found.append(buffer[:end + 1])
            buffer = buffer[end + 1:]
        else:  # netstring: LEN:payload,
            colon = buffer.find(b":")
            digits = buffer if colon < 0 else buffer[:colon]
            if not digits.isdigit() and digits != b"" or (len(digits) > 1 and digits[:1] == b"0"):
                raise FrameError(f"bad netstring length {digits[:12]!r}")
            if digits and int(digits) > max_frame:
                raise FrameError(f"netstring length {int(digits)} exceeds maximum {max_frame}")
            if colon < 0:
                break
            if colon == 0:
                raise FrameError("empty netstring length")
            end = colon + 1 + int(digits)
            if len(buffer) < end + 1:
                break
            if buffer[end:end + 1] != b",":
                raise FrameError("netstring does not end with ','")
            found.append(buffer[:end + 1])
            buffer = buffer[end + 1:]
    return found, buffer


def serve(conn, peer, framing, max_frame):
    with conn:
        buffer = b""
        try:
            while True:
                data = conn.recv(65536)  # whatever has arrived: part of a frame, or several
                if not data:
                    break
                found, buffer = frames(buffer + data, framing, max_frame)
                for frame in found:
                    conn.sendall(frame)  # the reply to a frame is the same frame
            conn.shutdown(socket.SHUT_WR)
        except (FrameError, OSError) as e:
            print(f"peer {peer[0]}:{peer[1]}: {e}", file=sys.stderr, flush=True)


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
        print(f"listening on {host}:{port}", flush=True)
        try:
            while True:
                conn, peer = listener.accept()
                threading.Thread(target=serve, args=(conn, peer, args.framing, max_frame), daemon=True).start()
        except KeyboardInterrupt:
            sys.exit(130)


if __name__ == "__main__":
    main()
