package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            } else if (m.group(2) != null && !declares(Files.readString(file), m.group(2))) {
                missing.add(m.group(1) + "." + m.group(2) + " (no such test in " + root.relativize(file) + ")");
            }
        }
        assertTrue(named.size() >= 60, "the table names " + named.size() + " tests; expected every claim's");
        assertTrue(missing.isEmpty(), "named in docs/README.md but missing: " + missing);
    }

    /** Whether {@code source} declares a test method {@code name}: a {@code void} test, or a factory of tests. */
    static boolean declares(String source, String name) {
        return source.contains("void " + name + "(") || source.contains("<DynamicTest> " + name + "(")
                || source.contains("<DynamicContainer> " + name + "(");
    }

    /**
     * Each chapter's "What the tests prove" names every test class of the chapter (an abstract contract is
     * named through the classes that run it): a test nobody can find from the chapter is a test nobody reads.
     */
    @Test
    void everyChaptersTableNamesEveryTestClassOfTheChapter() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> unnamed = new ArrayList<>();
        int checked = 0;
        for (Path module : ExercisesTest.modules()) {
            String readme = Files.readString(module.resolve("README.md"));
            int start = readme.indexOf("## What the tests prove");
            assertTrue(start >= 0, module.getFileName() + "'s README has no \"What the tests prove\"");
            int end = readme.indexOf("\n## ", start + 5);
            String section = readme.substring(start, end < 0 ? readme.length() : end);
            try (Stream<Path> files = Files.walk(module.resolve("src/test/java"))) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    if (Files.readString(file).contains("abstract class " + name)) {
                        continue;
                    }
                    checked++;
                    if (!section.contains("`" + name + "`") && !section.contains("`" + name + ".")) {
                        unnamed.add(module.getFileName() + ": " + name);
                    }
                }
            }
        }
        assertTrue(checked >= 100, "checked " + checked + " test classes; expected the whole course's");
        assertTrue(unnamed.isEmpty(), "test classes no chapter's \"What the tests prove\" names: " + unnamed);
    }

    /**
     * The guide's own count is true: its sentence "N claims: P proven by a test, M measured ..., R not
     * reproduced ..." agrees with the numbered rows, a row counting as measured when its proof says
     * "measured (JMH, committed), not a test", as not reproduced when it says "**not reproduced**", and as
     * proven otherwise; and the rows the sentence lists by number are those.
     */
    @Test
    void theClaimsTablesCountIsTrue() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String guide = Files.readString(root.resolve("docs/README.md"));
        String table = guide.substring(guide.indexOf("## Every claim, and its proof"),
                guide.indexOf("## How the repository is organised"));
        Matcher header = Pattern.compile("\\*\\*(\\d+) claims: (\\d+) proven by a test, (\\d+) measured \\(JMH,"
                + " committed\\), not a test \\(([^)]*)\\), (\\d+) not reproduced \\(([^:)]*)").matcher(table);
        assertTrue(header.find(), "the table's count sentence is missing or has another form");
        List<Integer> measured = new ArrayList<>();
        List<Integer> notReproduced = new ArrayList<>();
        int rows = 0;
        int expectedNumber = 1;
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|(.*)$").matcher(table);
        while (row.find()) {
            int number = Integer.parseInt(row.group(1));
            assertEquals(expectedNumber++, number, "rows are numbered 1, 2, 3, ... in order");
            rows++;
            if (row.group(2).contains("measured (JMH, committed), not a test")) {
                measured.add(number);
            } else if (row.group(2).contains("**not reproduced**")) {
                notReproduced.add(number);
            }
        }
        assertEquals(rows, Integer.parseInt(header.group(1)), "claims");
        assertEquals(rows - measured.size() - notReproduced.size(), Integer.parseInt(header.group(2)), "proven by a test");
        assertEquals(measured.size(), Integer.parseInt(header.group(3)), "measured, not a test");
        assertEquals(numbers(measured), header.group(4), "the measured rows the sentence lists");
        assertEquals(notReproduced.size(), Integer.parseInt(header.group(5)), "not reproduced");
        assertEquals(numbers(notReproduced), header.group(6).trim(), "the rows not reproduced the sentence lists");
    }

    private static String numbers(List<Integer> rows) {
        return String.join(", ", rows.stream().map(n -> "#" + n).toList());
    }

    private static Path find(Path root, String className) throws IOException {
        for (Path module : ExercisesTest.modules()) {
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
        return null;
    }
}
