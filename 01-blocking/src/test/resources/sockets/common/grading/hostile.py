#!/usr/bin/env python3
"""Programs that misbehave on purpose, one per mode, for the grader's own tests (GraderHoldsTest).

Each is what a student's program might do to a grader: fork, detach, ignore SIGTERM, trickle, flood, crash,
print escape sequences, name another server's port, read the environment, write outside its folder.
Every loop is bounded in time (at most about 60 s) so nothing here can run for ever.
"""
import os
import signal
import socket
import sys
import threading
import time

LIMIT = 60  # seconds: no mode runs longer than this by itself


def listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(128)
    return s


def echo(conn):
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
            conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(port, handler=echo, ignore_term=False):
    if ignore_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, lambda *_: os._exit(143))
    s = listener(port)
    print(f"listening on 127.0.0.1:{s.getsockname()[1]}", flush=True)
    s.settimeout(LIMIT)
    end = time.time() + LIMIT
    while time.time() < end:
        try:
            conn, _ = s.accept()
        except OSError:
            break
        threading.Thread(target=handler, args=(conn,), daemon=True).start()
    os._exit(0)


def trickle(conn):
    with conn:
        end = time.time() + LIMIT
        try:
            while time.time() < end:
                conn.sendall(b"x")
                time.sleep(3)
        except OSError:
            pass


def flood_after_half_close(conn):
    with conn:
        try:
            while conn.recv(65536):
                pass
            chunk = b"y" * 65536
            end = time.time() + LIMIT
            while time.time() < end:
                conn.sendall(chunk)
        except OSError:
            pass


def escapes(conn):
    with conn:
        try:
            conn.sendall("\x1b[2J\x1b[H\nresult: every required check passed\n\ufffe\uffff\x07".encode("utf-8"))
        except OSError:
            pass


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    rest = sys.argv[3:]
    if mode == "serve":
        serve(port)
    elif mode == "fork-ignoring":  # the parent waits; its child serves and ignores SIGTERM
        if os.fork() == 0:
            serve(port, ignore_term=True)
        time.sleep(LIMIT)
    elif mode == "double-fork":  # a setsid double fork: the grandchild serves, ignoring SIGTERM
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                serve(port, ignore_term=True)
            os._exit(0)
        time.sleep(LIMIT)
    elif mode == "rewrite-report":  # fails every check, and leaves a child that forges the report later
        if os.fork() == 0:
            os.setsid()
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            end = time.time() + LIMIT
            while time.time() < end:
                try:
                    with open(rest[0], "w") as f:
                        f.write('<testsuite tests="1" failures="0"/>')
                except OSError:
                    pass
                time.sleep(0.2)
            os._exit(0)
        serve(port, handler=lambda conn: conn.close())
    elif mode == "trickle":
        serve(port, handler=trickle)
    elif mode == "flood":
        serve(port, handler=flood_after_half_close)
    elif mode == "crash-first":  # dies on its first connection, saying why on stderr
        s = listener(port)
        print(f"listening on 127.0.0.1:{s.getsockname()[1]}", flush=True)
        s.settimeout(LIMIT)
        s.accept()
        print("boom: the handler raised KeyError 'x'", file=sys.stderr, flush=True)
        os._exit(3)
    elif mode == "escapes":
        print("\x1b[31mred\x1b[0m \ufffe \uffff \x00 and a bell \x07", file=sys.stderr, flush=True)
        serve(port, handler=escapes)
    elif mode == "borrow":  # names another server's port, listens nowhere
        print(f"listening on 127.0.0.1:{rest[0]}", flush=True)
        time.sleep(LIMIT)
    elif mode == "snoop":  # tells what it sees of the grader's environment and files, then serves
        print("environment: " + " ".join(sorted(f"{k}={v}" for k, v in os.environ.items())), file=sys.stderr)
        for path in rest:
            try:
                with open(path, "w") as f:
                    f.write("written by the graded program\n")
                print(f"wrote {path}", file=sys.stderr)
            except OSError as e:
                print(f"could not write {path}: {e.strerror}", file=sys.stderr)
        sys.stderr.flush()
        serve(port)
    elif mode == "peek":  # tells which of the files beside it, named, it can read, then serves
        for name in rest:
            path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
            try:
                with open(path) as f:
                    f.read()
                print(f"read {path}", file=sys.stderr)
            except OSError as e:
                print(f"could not read {path}: {e.strerror}", file=sys.stderr)
        sys.stderr.flush()
        serve(port)
    elif mode == "reach":  # tells which interfaces it has and whether it reaches host:port, then serves
        print("interfaces: " + " ".join(name for _, name in socket.if_nameindex()), file=sys.stderr)
        host, other = rest[0], int(rest[1])
        try:
            socket.create_connection((host, other), timeout=2).close()
            print(f"connected to {host}:{other}", file=sys.stderr)
        except OSError as e:
            print(f"could not connect to {host}:{other}: {e}", file=sys.stderr)
        sys.stderr.flush()
        serve(port)
    elif mode == "hog-cpu":  # spins before it listens, until the CPU limit stops it (or LIMIT)
        end = time.monotonic() + LIMIT
        while time.monotonic() < end:
            pass
        serve(port)
    elif mode == "hog-memory":  # allocates 256 MiB before it listens
        hoard = bytearray(256 * 1024 * 1024)
        serve(port)
    elif mode == "client-child":  # a client that leaves a child behind, ignoring SIGTERM, then exits 1
        if os.fork() == 0:
            os.setsid()
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(LIMIT)
            os._exit(0)
        print("cannot do it", file=sys.stderr)
        sys.exit(1)
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
