package sockets.ipc;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sockets.blocking.PeerLog;
import sockets.blocking.Servers;
import sockets.select.Protocol;

/** {@code uds-echo-server --path P}: RFC 862 echo on a Unix domain socket, on chapter 05's selector loop. */
@Command(name = "uds-echo-server", mixinStandardHelpOptions = true,
        description = "Echo service on a Unix domain stream socket at --path: chapter 05's selector loop and echo"
                + " protocol, bound to a file instead of a port. Refuses a path a live server holds, replaces a stale"
                + " socket file, makes the file owner-only, and deletes it on shutdown.")
final class UdsEchoServerCommand implements Callable<Integer> {
    @Option(names = "--path", required = true, paramLabel = "P", description = "The socket file's path.")
    Path path;

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(new UdsServer(path, Protocol.ECHO, PeerLog.stderr()), System.out);
    }
}
