package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reading guide's claims table names a test for every claim; this checks each one exists: the class
 * in some chapter's tests, and the method in that class. (This chapter comes last, so the run has all.)
 */
class ReadingGuideTest {
    private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|Contract))(?:\\.([a-zA-Z0-9]+))?`");

    @Test
    void everyTestTheClaimsTableNamesExists() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String guide = Files.readString(root.resolve("docs/README.md"));
        String table = guide.substring(guide.indexOf("## Every claim, and its proof"),
                guide.indexOf("## How the repository is organised"));
        Set<String> named = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        Matcher m = NAMED.matcher(table);
        while (m.find()) {
            named.add(m.group(0));
            Path file = find(root, m.group(1));
            if (file == null) {
                missing.add(m.group(1) + " (no such test class)");
            } else if (m.group(2) != null && !Files.readString(file).contains("void " + m.group(2) + "(")) {
                missing.add(m.group(1) + "." + m.group(2) + " (no such test in " + root.relativize(file) + ")");
            }
        }
        assertTrue(named.size() >= 60, "the table names " + named.size() + " tests; expected every claim's");
        assertTrue(missing.isEmpty(), "named in docs/README.md but missing: " + missing);
    }

    private static Path find(Path root, String className) throws IOException {
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().matches("0\\d-.*")).toList()) {
                Path tests = module.resolve("src/test/java");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(tests)) {
                    Path hit = files.filter(p -> p.getFileName().toString().equals(className + ".java"))
                            .findFirst().orElse(null);
                    if (hit != null) {
                        return hit;
                    }
                }
            }
        }
        return null;
    }
}
