#!/usr/bin/env python3
"""Frame client: the reference solution of chapter 02's client assignment.

Sends each argument (UTF-8) as one frame, all of them in one write, for --framing length, line or
netstring; prints each reply on a line of its own; refuses a reply over --max-frame as soon as its
length is known. Exits 1 with one line on stderr when it cannot. Standard library only.
Graded with:
  java -jar 02-framing/target/02-framing.jar grade frame-client --framing length -- python3 frame_client.py --framing length --port {port}
"""
import argparse
import socket
import sys

DEFAULT_MAX = {"length": 1048576, "netstring": 1048576, "line": 8192}


class FrameError(Exception):
    """The server sent bytes that are no valid frame, a frame over the limit, or too few bytes."""


def encode(payload, framing):
    if framing == "length":
        return len(payload).to_bytes(4, "big") + payload  # 4 bytes, network order, then the payload
    if framing == "line":
        return payload + b"\n"
    return str(len(payload)).encode() + b":" + payload + b","


def split(buffer, framing, max_frame):
    """Takes one whole frame's payload off the front of buffer: (payload or None, the rest)."""
    if framing == "length":
        if len(buffer) < 4:
            return None, buffer
        length = int.from_bytes(buffer[:4], "big")
        if length > max_frame:  # checked on the header: never wait for, or hold, a frame that is too big
            raise FrameError(f"reply of {length} bytes exceeds the maximum {max_frame}")
        if len(buffer) < 4 + length:
            return None, buffer
        return buffer[4:4 + length], buffer[4 + length:]  # the rest starts the next reply: keep it
    if framing == "line":
        end = buffer.find(b"\n")
        if end < 0:
            if len(buffer) > max_frame:
                raise FrameError(f"reply line longer than the maximum {max_frame} with no newline yet")
            return None, buffer
        return buffer[:end], buffer[end + 1:]
    colon = buffer.find(b":")
    digits = buffer if colon < 0 else buffer[:colon]
    if not digits.isdigit() and digits != b"":
        raise FrameError(f"bad netstring length {digits[:12]!r}")
    if digits and int(digits) > max_frame:
        raise FrameError(f"reply of {int(digits)} bytes exceeds the maximum {max_frame}")
    if colon < 0:
        return None, buffer
    end = colon + 1 + int(digits)
    if len(buffer) < end + 1:
        return None, buffer
    if buffer[end:end + 1] != b",":
        raise FrameError("netstring reply does not end with ','")
    return buffer[colon + 1:end], buffer[end + 1:]


def exchange(args):
    with socket.create_connection((args.host, args.port), timeout=args.timeout_ms / 1000) as sock:
        sock.sendall(b"".join(encode(m.encode(), args.framing) for m in args.messages))  # one write
        buffer = b""
        for _ in args.messages:
            while True:
                payload, buffer = split(buffer, args.framing, args.max_frame)
                if payload is not None:
                    break
                data = sock.recv(65536)  # whatever has arrived: part of a reply, or several
                if not data:
                    raise FrameError("the server closed before every reply came")
                buffer += data
            print(payload.decode(errors="replace"), flush=True)


def main():
    parser = argparse.ArgumentParser(description="frame client")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7008)
    parser.add_argument("--framing", choices=sorted(DEFAULT_MAX), required=True)
    parser.add_argument("--max-frame", type=int)
    parser.add_argument("--timeout-ms", type=int, default=10000)
    parser.add_argument("messages", nargs="+")
    args = parser.parse_args()
    args.max_frame = args.max_frame or DEFAULT_MAX[args.framing]
    try:
        exchange(args)
    except (FrameError, OSError) as e:
        print(f"frame-client: {args.host}:{args.port}: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
