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
 * Every chapter's exercises name what a student runs and reads: modules ({@code -pl}), tests
 * ({@code -Dtest=Class#method}), chapter commands ({@code java -jar NN/target/NN.jar COMMAND}), benchmarks
 * ({@code -Dbench.args="Class ..."}) and classes or methods to model on ({@code `Class.method`}). This checks
 * each one exists where the command looks for it, so no exercise rots when code is renamed or moved; the
 * tests named are themselves part of the suite, so they run (and pass) in every build. A test class the
 * exercise asks the student to write is named twice in its exercise, and is exempt.
 */
class ExercisesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("-pl (0\\d-[a-z-]+)");
    private static final Pattern TEST = Pattern.compile("-Dtest=([A-Za-z0-9]+)(?:#([A-Za-z0-9]+))?");
    private static final Pattern JAR = Pattern.compile("java -jar (0\\d-[a-z-]+)/target/\\1\\.jar ([a-z][a-z-]*)");
    private static final Pattern BENCH = Pattern.compile("-Dbench\\.args=\"([A-Z][A-Za-z0-9]+)");
    private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]+)(?:\\.([a-z][A-Za-z0-9]+))?`");

    @Test
    void everyExerciseNamesWhatExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path module : modules()) {
            String readme = Files.readString(module.resolve("README.md"));
            int at = readme.indexOf("## Exercises");
            assertTrue(at >= 0, module.getFileName() + "/README.md has an Exercises section");
            String exercises = readme.substring(at).replaceAll("\\s*\\n\\s*", " ");
            for (String exercise : exercises.split(" (?=\\d\\. \\*\\*)")) {
                checked += check(module, exercise, missing);
            }
        }
        assertTrue(checked >= 40, "checked only " + checked + " names");
        assertTrue(missing.isEmpty(), "exercises name what does not exist:\n" + String.join("\n", missing));
    }

    private static int check(Path module, String exercise, List<String> missing) throws IOException {
        String where = module.getFileName() + " exercise '" + exercise.substring(0, Math.min(40, exercise.length())) + "...'";
        int checked = 0;
        Path testModule = module;
        Matcher m = MODULE.matcher(exercise);
        while (m.find()) {
            checked++;
            testModule = ROOT.resolve(m.group(1));
            if (!Files.isDirectory(testModule)) {
                missing.add(where + ": no module " + m.group(1));
            }
        }
        m = TEST.matcher(exercise);
        while (m.find()) {
            checked++;
            Path file = find(testModule.resolve("src/test/java"), m.group(1));
            if (file == null) {
                if (count(exercise, m.group(1)) < 2) {
                    missing.add(where + ": no test " + m.group(1) + " in " + testModule.getFileName());
                }
            } else if (m.group(2) != null && !ReadingGuideTest.declares(Files.readString(file), m.group(2))) {
                missing.add(where + ": no test " + m.group(1) + "#" + m.group(2));
            }
        }
        m = JAR.matcher(exercise);
        while (m.find()) {
            checked++;
            if (!sourceContains(ROOT.resolve(m.group(1)).resolve("src/main/java"), "name = \"" + m.group(2) + "\"")) {
                missing.add(where + ": " + m.group(1) + " has no command " + m.group(2));
            }
        }
        m = BENCH.matcher(exercise);
        while (m.find()) {
            checked++;
            if (find(testModule.resolve("src/jmh/java"), m.group(1)) == null) {
                missing.add(where + ": no benchmark " + m.group(1) + " in " + testModule.getFileName());
            }
        }
        m = NAMED.matcher(exercise);
        while (m.find()) {
            String name = m.group(1);
            Path file = anywhere(name);
            if (file == null) {
                if (count(exercise, name) < 2 && !name.startsWith("SO_")) {
                    missing.add(where + ": no class " + name);
                }
                continue;
            }
            checked++;
            if (m.group(2) != null && !Files.readString(file).matches("(?s).*\\b" + m.group(2) + "\\(.*")) {
                missing.add(where + ": no method " + name + "." + m.group(2));
            }
        }
        return checked;
    }

    /** The chapters' modules, in order (ReadingGuideTest and LayoutTest walk them too). */
    static List<Path> modules() throws IOException {
        try (Stream<Path> all = Files.list(ROOT)) {
            return all.filter(p -> p.getFileName().toString().matches("0\\d-.*")).sorted().toList();
        }
    }

    private static int count(String text, String word) {
        return text.split("\\b" + Pattern.quote(word) + "\\b", -1).length - 1;
    }

    /** The source file of {@code className} in any module's main, test or benchmark sources. */
    private static Path anywhere(String className) throws IOException {
        for (Path module : modules()) {
            for (String source : List.of("src/main/java", "src/test/java", "src/jmh/java")) {
                Path hit = find(module.resolve(source), className);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    private static Path find(Path sources, String className) throws IOException {
        if (!Files.isDirectory(sources)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.getFileName().toString().equals(className + ".java")).findFirst().orElse(null);
        }
    }

    private static boolean sourceContains(Path sources, String text) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
