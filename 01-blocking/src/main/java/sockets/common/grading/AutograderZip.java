package sockets.common.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code grade TARGET --autograder-zip FILE -- COMMAND}: the zip Gradescope's programming assignments take
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications"): {@code setup.sh}, which installs a
 * Java runtime, Python and bubblewrap on Gradescope's Ubuntu image; {@code run_autograder}, which copies
 * {@code /autograder/submission}, runs COMMAND in the copy (by our convention {@code ./run.sh} and the
 * assignment sheet's arguments) under this chapter's {@code grade}, and writes
 * {@code /autograder/results/results.json}; and the kit's jar. {@code AUTOGRADER_ROOT} moves {@code /autograder}
 * (the tests use it), {@code JAVA} names the java to run.
 */
final class AutograderZip {
    private AutograderZip() {
    }

    static void write(Path zip, Path kitJar, List<String> gradeArgs, List<String> command) throws IOException {
        Path partial = Files.createTempFile(zip.toAbsolutePath().getParent(), ".autograder-", ".partial");
        try {
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
                entry(out, "setup.sh", setup().getBytes(StandardCharsets.UTF_8));
                entry(out, "run_autograder", runAutograder(gradeArgs, command).getBytes(StandardCharsets.UTF_8));
                entry(out, "kit.jar", Files.readAllBytes(kitJar));
            }
            Files.move(partial, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    static String setup() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once, when it builds the autograder's image (Ubuntu): a Java runtime for the
                # kit, Python for Python submissions, bubblewrap for grade's sandbox. Add what your class's
                # languages need (gcc, golang, ...) here.
                set -euo pipefail
                export DEBIAN_FRONTEND=noninteractive
                apt-get update -qq
                apt-get install -y -qq openjdk-21-jre-headless python3 bubblewrap
                """;
    }

    static String runAutograder(List<String> gradeArgs, List<String> command) {
        StringBuilder grade = new StringBuilder();
        gradeArgs.forEach(a -> grade.append(' ').append(quote(a)));
        StringBuilder program = new StringBuilder();
        command.forEach(a -> program.append(' ').append(quote(a)));
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for each submission, in /autograder: it grades the submission with the kit and
                # writes results/results.json, which Gradescope reads. The exit code is not the grade: the JSON is.
                set -uo pipefail
                root="${AUTOGRADER_ROOT:-/autograder}"
                java="${JAVA:-java}"
                work="$(mktemp -d)"
                cp -a "$root/submission/." "$work/"
                mkdir -p "$root/results"
                results="$root/results/results.json"
                rm -f "$results"
                cd "$work"
                if [ -f run.sh ]; then chmod +x run.sh; fi
                "$java" -jar "$root/source/kit.jar"%s --submission "$work" --gradescope "$results" --%s
                code=$?
                if [ ! -s "$results" ]; then
                  printf '{"score": 0, "output": "The grader stopped (exit %%s) before it wrote a result; the autograder output says why.", "tests": []}\\n' "$code" > "$results"
                fi
                exit 0
                """.formatted(grade, program);
    }

    /** A shell word that means exactly {@code text}: single-quoted, each quote closed, escaped, reopened. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
