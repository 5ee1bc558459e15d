package sockets.ipc;

import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import sockets.common.Endpoints;

/**
 * The benchmark's other process: it serves one client over one transport, then exits. {@code echo} sends back
 * every byte as it arrives; {@code sink} reads to end of stream, then answers with the 8-byte count it read,
 * which the client checks against what it sent. Usage: {@code IpcPeer echo|sink tcp HOST | uds PATH | pipe |
 * shm FOLDER | shm-park FOLDER}. For tcp and uds it prints {@code listening on ADDRESS} first; for the rings,
 * {@code ready}. {@code shm-park} is the ring without its yield step ({@link SharedRing.Backoff#SPIN_PARK}).
 */
public final class IpcPeer {
    static final int SHM_CAPACITY = 1 << 20;
    private static final int BUFFER = 64 * 1024;

    private IpcPeer() {
    }

    public static void main(String[] args) throws IOException {
        boolean echo = switch (args[0]) {
            case "echo" -> true;
            case "sink" -> false;
            default -> throw new IllegalArgumentException("mode must be echo or sink: " + args[0]);
        };
        switch (args[1]) {
            case "tcp" -> {
                try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(args[2]))) {
                    announce("listening on " + Endpoints.format(listener.getLocalSocketAddress()));
                    try (Socket socket = listener.accept()) {
                        socket.setTcpNoDelay(true); // the echo goes out at once, whatever its size
                        serve(echo, socket.getInputStream(), socket.getOutputStream());
                    }
                }
            }
            case "uds" -> {
                UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(args[2]));
                try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    listener.bind(address, 1);
                    announce("listening on " + Endpoints.format(address));
                    try (SocketChannel channel = listener.accept()) {
                        serve(echo, Channels.newInputStream(channel), Channels.newOutputStream(channel));
                    }
                }
            }
            case "pipe" -> serve(echo, System.in, new FileOutputStream(FileDescriptor.out));
            case "shm", "shm-park" -> {
                Path folder = Path.of(args[2]);
                SharedRing.Backoff backoff = backoff(args[1]);
                try (SharedRing up = SharedRing.map(folder.resolve("up"), SHM_CAPACITY, backoff);
                     SharedRing down = SharedRing.map(folder.resolve("down"), SHM_CAPACITY, backoff)) {
                    announce("ready");
                    serve(echo, up.consumer(), down.producer());
                }
            }
            default -> throw new IllegalArgumentException("unknown transport " + args[1]);
        }
    }

    static SharedRing.Backoff backoff(String transport) {
        return transport.equals("shm-park") ? SharedRing.Backoff.SPIN_PARK : SharedRing.Backoff.SPIN_YIELD_PARK;
    }

    private static void announce(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void serve(boolean echo, InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (echo) {
                out.write(buffer, 0, n);
            }
            total += n;
        }
        if (!echo) {
            out.write(ByteBuffer.allocate(Long.BYTES).putLong(total).array());
        }
        out.close();
    }

    /** Reads exactly {@code length} bytes into {@code buffer}; end of stream first is an error. */
    static void readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int got = in.readNBytes(buffer, 0, length);
        if (got != length) {
            throw new EOFException("peer closed after " + got + " of " + length + " bytes");
        }
    }
}
