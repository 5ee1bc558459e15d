package sockets.ipc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import sockets.blocking.Threads;
import sockets.common.Narration;
import sockets.common.PeerLog;
import sockets.ipc.SharedRing;
import sockets.ipc.SocketFile;
import sockets.ipc.UdsServer;
import sockets.select.Protocol;

/** The chapter in one process: a Unix domain socket, its file, and its rules. */
final class Tour extends Narration {
    private final PeerLog quiet = PeerLog.discard();

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 07: IPC on one machine");
        Path folder = SocketFile.privateFolder("sockets-ipc-");
        Path path = folder.resolve("echo.sock");
        try {
            aUnixSocketIsNamedByAFile(path);
            aStaleSocketFileIsReplaced(path);
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(folder);
        }
        pipesCarryBytesOneWay();
        sharedMemoryPassesBytesWithoutASystemCall();
        return done("How these compare, measured between two processes: the chapter's README, \"The benchmark\".");
    }

    /** A Unix domain socket is named by a file, which its permissions guard and a clean shutdown removes. */
    private void aUnixSocketIsNamedByAFile(Path path) throws Exception {
        step(1, "A Unix domain socket: a name in the file system instead of an address and a port.");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, quiet)) {
            server.start();
            say("chapter 05's selector loop and echo protocol, bound to %s", path);
            say("the file: %s, permissions %s (only its owner may connect)", SocketFile.isSocket(path)
                    ? "a socket" : "not a socket", SocketFile.permissions(path));
            say("echo: %s", echo(path, "no TCP, no IP: the kernel copies the bytes from one process to the other"));
            try (UdsServer second = new UdsServer(path, Protocol.ECHO, quiet)) {
                second.start();
            } catch (IOException e) {
                say("a second server on the same path: \"%s\"", e.getMessage());
            }
        }
        say("after a clean shutdown the file is %s", Files.exists(path) ? "still there (wrong)" : "gone");
        try (UdsServer server = new UdsServer(path, Threads.VIRTUAL, quiet)) {
            server.start();
            say("blocking instead: chapter 01's design, a virtual thread per connection, on the channel's streams: echo %s",
                    echo(path, "same handler, other address family"));
        }
    }

    /** A crash leaves the socket file behind; nobody accepts on it, so the next server may replace it. */
    private void aStaleSocketFileIsReplaced(Path path) throws Exception {
        step(2, "A crashed server leaves its file behind; the next server finds it stale and replaces it.");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(path)); // bound, and never deleted: what a crash leaves
        }
        say("left behind: %s exists: %s", path.getFileName(), Files.exists(path));
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, quiet)) {
            server.start();
            say("a new server started on it anyway (nobody was accepting there): echo %s", echo(path, "hello"));
        }
    }

    /** Pipes inside one process and between two: bytes go one way, and neither end has a name. */
    private void pipesCarryBytesOneWay() throws Exception {
        step(3, "Pipes: one-way byte streams with no name at all.");
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try (java.nio.channels.Pipe.SinkChannel sink = pipe.sink();
             java.nio.channels.Pipe.SourceChannel source = pipe.source()) {
            sink.write(ByteBuffer.wrap("into the sink".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer got = ByteBuffer.allocate(64);
            source.read(got);
            say("java.nio.channels.Pipe, inside one process: wrote to the sink, read from the source: \"%s\"",
                    new String(got.array(), 0, got.position(), StandardCharsets.UTF_8));
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "pipe-echo")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            child.getOutputStream().write("through another process".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().close(); // end of input: the child copies what it has, then exits
            say("between two processes, into a child's stdin and out of its stdout: \"%s\" (the child exited %d)",
                    new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8), child.waitFor());
        } finally {
            child.destroyForcibly();
        }
    }

    /** Two mappings of one file share a ring of bytes, passed with a release store and an acquire load. */
    private void sharedMemoryPassesBytesWithoutASystemCall() throws Exception {
        step(4, "Shared memory: one file mapped twice, a ring of bytes between the two mappings, no system call.");
        Path ringFolder = SocketFile.privateFolder("sockets-ring-");
        Path ringFile = ringFolder.resolve("ring"); // a new file: the first map creates the ring, the second checks it
        try (SharedRing producerSide = SharedRing.map(ringFile, 4096);
             SharedRing consumerSide = SharedRing.map(ringFile, 4096)) {
            producerSide.producer().write("published with a release store".getBytes(StandardCharsets.UTF_8));
            byte[] got = new byte[64];
            int n = consumerSide.consumer().read(got);
            say("the other mapping read, after an acquire load of the head: \"%s\"",
                    new String(got, 0, n, StandardCharsets.UTF_8));
            say("two processes map the file the same way (SharedRingTest sends a million messages so)");
        } finally {
            Files.deleteIfExists(ringFile);
            Files.deleteIfExists(ringFolder);
        }
    }

    private static String echo(Path path, String text) throws IOException {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            channel.write(ByteBuffer.wrap(message));
            ByteBuffer back = ByteBuffer.allocate(message.length);
            while (back.hasRemaining() && channel.read(back) != -1) {
                // until the whole echo is back
            }
            return "\"" + new String(back.array(), 0, back.position(), StandardCharsets.UTF_8) + "\"";
        }
    }
}
