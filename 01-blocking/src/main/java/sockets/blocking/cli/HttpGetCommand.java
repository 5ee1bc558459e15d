package sockets.blocking.cli;

import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sockets.blocking.HttpGet;
import sockets.common.Cli;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;

/** {@code http-get URL}: one HTTP/1.0 GET, written by hand on a socket; the body goes to stdout. */
@Command(name = "http-get", mixinStandardHelpOptions = true,
        description = "Fetches URL with a hand-written HTTP/1.0 GET on a plain socket and writes the body"
                + " to standard output. A status other than 2xx fails with that status.")
final class HttpGetCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "An http:// URL.")
    URI url;

    @Option(names = {"-i", "--include"}, description = "Also print the status line and headers.")
    boolean include;

    @Option(names = "--timeout-ms", defaultValue = "10000", converter = CountConverter.class,
            description = "Bound on connecting and on each read (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(),
                    "'" + url + "' is not an http:// URL with a host (https needs TLS, which this chapter does not do)");
        }
        HttpGet.Head head = HttpGet.fetch(url, this::sinkFor, timeoutMs);
        if (head.status() / 100 != 2) {
            throw new CommandFailedException(url + ": " + head.statusLine());
        }
        return Cli.OK;
    }

    private OutputStream sinkFor(HttpGet.Head head) {
        if (include) {
            System.out.print(head.statusLine() + "\r\n");
            head.headers().forEach(h -> System.out.print(h + "\r\n"));
            System.out.print("\r\n");
        }
        return head.status() / 100 == 2 ? System.out : OutputStream.nullOutputStream();
    }
}
