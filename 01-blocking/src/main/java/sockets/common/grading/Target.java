package sockets.common.grading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One program a chapter grades, as a value: its name (the TARGET of {@code grade TARGET}), the options it was
 * made with, how the grader reaches it, and how its checks are made. {@code grade} finds it by name, {@code grade
 * --list} and the reports list its checks, and the chapter's JUnit contracts run the very same checks against
 * the chapter's own code. A chapter lists its targets once, in its {@code grading} package.
 *
 * <p>For example, chapter 01's echo server:
 * <pre>{@code
 * Target.server("echo-server", given -> EchoChecks.all(clients, given.hint()))
 * }</pre>
 *
 * @param name    the command it stands in for: {@code echo-server}
 * @param options the target's own options as the reports show them ({@code --framing length}), or empty
 * @param reach   how the grader reaches a server, or {@link Reach#CLIENT} for a client it runs once per check
 * @param checks  the checks, made for one run from what the run gives them
 */
public record Target(String name, String options, Reach reach, Function<Given, List<Check>> checks) {

    /** A server on a TCP port. */
    public static Target server(String name, Function<Given, List<Check>> checks) {
        return new Target(name, "", Reach.TCP, checks);
    }

    /** A server on a UDP port: its checks send datagrams to {@link Given#inet()}; there are no connections. */
    public static Target datagramServer(String name, Function<Given, List<Check>> checks) {
        return new Target(name, "", Reach.UDP, checks);
    }

    /** A client, run once per check through {@link Given#client()} against servers the checks start. */
    public static Target client(String name, Function<Given, List<Check>> checks) {
        return new Target(name, "", Reach.CLIENT, checks);
    }

    /** The same target, its options shown in the reports after its name. */
    public Target withOptions(String shown) {
        return new Target(name, shown, reach, checks);
    }

    /** What the reports call a run of it: the chapter, the name, the options. */
    public String suite(String chapter) {
        return chapter + " " + name + (options.isEmpty() ? "" : " " + options);
    }

    /** Whether the grader starts it once and connects to it (a server), or runs it once per check (a client). */
    public boolean server() {
        return reach != Reach.CLIENT;
    }

    /** The checks a run lists for it, in order: for a server, its start and stop around its own checks. */
    public List<Check> listed(Given given) {
        return GradeSession.listed(this, checks.apply(given));
    }

    /**
     * What one run gives the checks. {@code address}: where the server listens (a placeholder before it
     * does); {@code client}: the client to run (null for a server); {@code seed}: for values drawn afresh each
     * run, asked for only by checks that draw some (it is printed when drawn).
     */
    public record Given(Reach reach, SocketAddress address, StudentClient client, LongSupplier seed,
                        int readTimeoutMs) {
        /** The server's IP address and port: what a TCP or UDP server's checks send to. */
        public InetSocketAddress inet() {
            return (InetSocketAddress) address;
        }

        /** Where a student points {@code nc} to see what a check saw: {@code "127.0.0.1 PORT"}. */
        public String hint() {
            return reach.hint(address);
        }

        /** A new connection to the server, bounded by the read timeout. */
        public Connector connector() {
            return reach.connector(address, readTimeoutMs);
        }
    }

    /**
     * How the grader reaches a program: a server on a TCP port ({@link #TCP}), on a UDP port ({@link #UDP}), or
     * one a chapter adds (chapter 07's Unix domain socket); or not at all, a client it runs ({@link #CLIENT}).
     */
    public interface Reach {
        /** A new connection to a server listening at {@code address}, its reads bounded by {@code readTimeoutMs}. */
        Connector connector(SocketAddress address, int readTimeoutMs);

        /** Where a student points {@code nc} to see what a check saw. */
        String hint(SocketAddress address);

        /** Where a server must listen before it has: {@code {path}} for a Unix socket, else any free port. */
        default SocketAddress placeholder() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }

        /** The path {@code {path}} stands for in the program's arguments, or null: it gets a port instead. */
        default Path socketPath() {
            return null;
        }

        /** A check made once the server has stopped (its socket file is gone, say), or none. */
        default Optional<AfterStop> afterStop() {
            return Optional.empty();
        }

        /** A TCP server on loopback. */
        Reach TCP = new Reach() {
            @Override
            public Connector connector(SocketAddress address, int readTimeoutMs) {
                return () -> Peer.tcp((InetSocketAddress) address, readTimeoutMs);
            }

            @Override
            public String hint(SocketAddress address) {
                return tcpHint(address);
            }
        };

        /** A UDP server on loopback: its checks send datagrams themselves. */
        Reach UDP = unconnected("a UDP server has no connections: send it datagrams", address -> "-u " + tcpHint(address));

        /** A client: run by the grader, never connected to. */
        Reach CLIENT = unconnected("a client is run, not connected to", address -> "");

        /** A program the grader never connects to: asked for a connection, it says {@code why}. */
        private static Reach unconnected(String why, Function<SocketAddress, String> hint) {
            return new Reach() {
                @Override
                public Connector connector(SocketAddress address, int readTimeoutMs) {
                    return () -> {
                        throw new IOException(why);
                    };
                }

                @Override
                public String hint(SocketAddress address) {
                    return hint.apply(address);
                }
            };
        }

        private static String tcpHint(SocketAddress address) {
            return ((InetSocketAddress) address).getAddress().getHostAddress() + " PORT";
        }
    }

    /**
     * A check made after the server's SIGTERM, listed last. {@code failure} looks, and says why it failed
     * in one line, or is empty if it passed.
     */
    public record AfterStop(String name, int points, java.util.function.Supplier<Optional<String>> failure) {
    }
}
