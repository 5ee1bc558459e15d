package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The command lines the pages show for a chapter, parsed by that chapter's own command line: a README that
 * gives an option the command does not have (or another chapter's jar for it) fails here, not in a student's
 * terminal. Each page of the repository is read: {@code java -jar NN-topic/target/NN-topic.jar ...} anywhere,
 * and the reading guide's {@code `NN command ...`} shorthand. Shell around a command (a pipe, a redirection, a
 * comment) ends it; quotes group words as a shell would.
 */
public final class ReadmeCommands {
    private ReadmeCommands() {
    }

    /**
     * Parses every command the repository's Markdown pages show for {@code chapter} (its folder name, such as
     * {@code 01-blocking}) with {@code main}'s command line; asserts that at least {@code atLeast} were found
     * and none was refused.
     */
    public static void assertEveryShownCommandParses(String chapter, Class<?> main, int atLeast) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Pattern jar = Pattern.compile("java -jar " + Pattern.quote(chapter + "/target/" + chapter + ".jar")
                + "([^`\\n|;&>#]*)");
        Pattern shorthand = Pattern.compile("`" + Pattern.quote(chapter.substring(0, 2)) + " ([a-z][^`]*)`");
        List<String> refused = new ArrayList<>();
        int parsed = 0;
        for (Path page : pages(root)) {
            String text = Files.readString(page);
            List<String> shown = new ArrayList<>();
            Matcher m = jar.matcher(text.replace("\\\n", " "));
            while (m.find()) {
                shown.add(m.group(1));
            }
            if (page.endsWith(Path.of("docs", "README.md"))) {
                Matcher s = shorthand.matcher(text);
                while (s.find()) {
                    shown.add(s.group(1));
                }
            }
            for (String line : shown) {
                List<String> args = words(line);
                try {
                    commandLine(main).parseArgs(args.toArray(String[]::new));
                    parsed++;
                } catch (CommandLine.ParameterException e) {
                    refused.add(root.relativize(page) + ": `" + String.join(" ", args) + "`: " + e.getMessage());
                }
            }
        }
        assertTrue(refused.isEmpty(), "commands the pages show that " + chapter + " refuses:\n" + String.join("\n", refused));
        assertTrue(parsed >= atLeast, "found " + parsed + " commands of " + chapter + " on the pages; expected at least "
                + atLeast);
    }

    private static CommandLine commandLine(Class<?> main) throws Exception {
        Constructor<?> constructor = main.getDeclaredConstructor();
        constructor.setAccessible(true);
        CommandLine commandLine = new CommandLine(constructor.newInstance());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Every Markdown page of the repository, outside build output. */
    private static List<Path> pages(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root, 4)) {
            return all.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> root.relativize(p).toString().split("/").length < 4 || p.startsWith(root.resolve("docs")))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")
                            && !p.toString().contains("/."))
                    .sorted().toList();
        }
    }

    /** A shell's words: whitespace splits, quotes group and are removed. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.trim().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
