package sockets.ipc.grading;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sockets.blocking.grading.EchoChecks;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Target;
import sockets.ipc.SocketFile;

/**
 * What chapter 07 grades: {@code uds-echo-server}, chapter 01's echo checks over a Unix domain socket, and the
 * socket file's rules (owner-only while it serves, gone after SIGTERM).
 */
public final class UdsTargets {
    private UdsTargets() {
    }

    /** Every target of the chapter: the server on {@code path}, served to {@code clients} clients at once. */
    public static List<Target> all(int clients, Path path) {
        return List.of(udsEchoServer(clients, path));
    }

    /** The echo server that must listen on {@code path} (a program gets it as {@code {path}}). */
    public static Target udsEchoServer(int clients, Path path) {
        return new Target("uds-echo-server", "", new UnixReach(path), given -> {
            List<Check> checks = new ArrayList<>(EchoChecks.all(clients, given.hint()));
            if (SocketFile.posix()) { // Windows has no permission bits on the file: its folder's ACL decides
                checks.add(Check.required("its socket file is owner-only (rw-------)", 1, t -> ownerOnly(path)));
            }
            return checks;
        });
    }

    /** Fails unless the socket file is {@code rw-------}: anyone who may write it may connect. */
    static void ownerOnly(Path path) throws IOException {
        String shown = SocketFile.permissions(path);
        if (!shown.equals("rw-------")) {
            throw new CheckFailure("nothing (a look at " + path + ")", "rw------- (other users cannot connect)", shown,
                    "ls -l " + path);
        }
    }

    /**
     * A server on a Unix domain socket at {@code path}: the grader connects with {@link UnixPeer} (reads bounded
     * by closing, since such a channel has no {@code SO_TIMEOUT}), a student reproduces with {@code nc -U}, and
     * after SIGTERM the file must be gone.
     */
    record UnixReach(Path path) implements Target.Reach {
        @Override
        public Connector connector(SocketAddress address, int readTimeoutMs) {
            return () -> UnixPeer.connect((UnixDomainSocketAddress) address, readTimeoutMs);
        }

        @Override
        public String hint(SocketAddress address) {
            return "-U " + ((UnixDomainSocketAddress) address).getPath();
        }

        @Override
        public SocketAddress placeholder() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public Path socketPath() {
            return path;
        }

        @Override
        public Optional<Target.AfterStop> afterStop() {
            return Optional.of(new Target.AfterStop("removes its socket file on SIGTERM", 1,
                    () -> Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                            ? Optional.of(path + " is still there: the next server to start on that path finds it"
                                    + " stale")
                            : Optional.empty()));
        }
    }
}
