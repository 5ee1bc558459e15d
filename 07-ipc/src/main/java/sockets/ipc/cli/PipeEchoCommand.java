package sockets.ipc.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code pipe-echo}: copies standard input to standard output until end of input. Run as a child process,
 * it is the far end of a pipe between two processes: the parent writes into the child's stdin (one pipe)
 * and reads the child's stdout (another).
 */
@Command(name = "pipe-echo", mixinStandardHelpOptions = true,
        description = "Copies standard input to standard output, unbuffered, until end of input: the far end of a"
                + " pipe between two processes.")
final class PipeEchoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        InputStream in = System.in;
        OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out); // no PrintStream buffering
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n); // what arrived, at once: the parent may be waiting for it
        }
        out.flush();
        return 0;
    }
}
