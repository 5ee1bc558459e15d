package sockets.ipc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.common.grading.ClientsOption;
import sockets.common.grading.GradeOptions;
import sockets.ipc.SocketFile;
import sockets.ipc.grading.UdsTargets;

/** {@code grade uds-echo-server}: the echo checks over a Unix domain socket, and the socket file's rules. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a program, in any language, that stands in for uds-echo-server: starts it with {path}"
                + " replaced by a socket path in a fresh owner-only folder, waits for 'listening on PATH', runs chapter"
                + " 01's echo checks over the Unix domain socket and checks the file is owner-only, stops it with"
                + " SIGTERM and checks the file is gone. Exit 0 when every required check passes, 1 when one fails,"
                + " 2 for bad usage. TARGET: uds-echo-server.",
        footer = {"", "Example:",
            "  java -jar 07-ipc/target/07-ipc.jar grade uds-echo-server -- python3 uds_echo_server.py --path {path}"})
final class GradeCommand implements Callable<Integer> {
    @Mixin
    GradeOptions grade;

    @Mixin
    ClientsOption clientsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int clients = clientsOption.clients(spec, 100);
        Path folder = SocketFile.privateFolder("grade-uds-");
        try {
            return grade.grade("07-ipc", grade.target(spec, UdsTargets.all(clients, folder.resolve("server.sock"))));
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }
}
