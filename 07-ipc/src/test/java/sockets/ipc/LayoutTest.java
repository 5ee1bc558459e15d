package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's layout rule, checked on every main source file of every chapter (this chapter runs
 * last, so it sees them all): plumbing ({@code sockets.common...}) names no chapter's package; a lesson
 * ({@code sockets.<chapter>}) names no command line ({@code .cli}) and no grading check ({@code .grading});
 * and a chapter uses only its own and earlier chapters' code.
 */
class LayoutTest {
    /** The chapters' packages, in the chapters' order. */
    private static final List<String> CHAPTERS = List.of("blocking", "framing", "binary", "shutdown", "select", "udp", "ipc");
    private static final Pattern NAMED = Pattern.compile("\\bsockets\\.(blocking|framing|binary|shutdown|select|udp|ipc|common)"
            + "((?:\\.[a-z]+)*)\\.(?:[A-Z]|\\*)");

    @Test
    void plumbingNamesNoLessonLessonsNameNoCommandLineAndNoChapterUsesALaterOne() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> broken = new ArrayList<>();
        int files = 0;
        for (Path module : ExercisesTest.modules()) {
            int chapter = Integer.parseInt(module.getFileName().toString().substring(0, 2)) - 1;
            Path sources = module.resolve("src/main/java");
            try (Stream<Path> all = Files.walk(sources)) {
                for (Path file : all.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    String text = Files.readString(file);
                    String pkg = sources.relativize(file.getParent()).toString().replace('/', '.');
                    boolean plumbing = pkg.startsWith("sockets.common");
                    boolean lesson = !plumbing && !pkg.endsWith(".cli") && !pkg.endsWith(".grading");
                    Matcher m = NAMED.matcher(text);
                    while (m.find()) {
                        String used = "sockets." + m.group(1) + m.group(2);
                        int usedChapter = CHAPTERS.indexOf(m.group(1));
                        String where = root.relativize(file) + " names " + used;
                        if (m.group(1).equals("common")) {
                            if (lesson && m.group(2).startsWith(".grading")) {
                                broken.add(where + ": a lesson names the grading engine");
                            }
                        } else if (plumbing) {
                            broken.add(where + ": plumbing names a chapter's package");
                        } else if (lesson && (m.group(2).endsWith(".cli") || m.group(2).endsWith(".grading"))) {
                            broken.add(where + ": a lesson names a command line or a grading check");
                        } else if (usedChapter > chapter) {
                            broken.add(where + ": a later chapter's code");
                        }
                    }
                }
            }
        }
        assertTrue(files > 150, "checked " + files + " files; expected every chapter's");
        assertTrue(broken.isEmpty(), String.join("\n", broken.stream().distinct().toList()));
    }
}
