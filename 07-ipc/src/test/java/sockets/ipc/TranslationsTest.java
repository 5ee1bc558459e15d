package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every translated page held to its English page, by the rules of {@code docs/translating.md}: the language
 * line and the marker naming the English text; the same headings, fenced code (a Mermaid diagram's labels
 * aside), inline code, numbers, links and table rows. A page that opens with the language line must have both
 * translations. What this does not check is whether the English changed since (that is {@code
 * .ci/translations}'s report): a translation may lag in its prose, never in a command, a figure or a name.
 */
class TranslationsTest {
    static final String LANGUAGE_LINE = "[English](README.md) · [Português (Brasil)](README.pt-BR.md) · [Español](README.es.md)";
    private static final Pattern MARKER = Pattern.compile("<!-- translates README\\.md sha256:[0-9a-f]{16} -->");
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})(.*)$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) ");
    /** A code span, which may wrap onto the next line (never across a blank one), as Markdown allows. */
    private static final Pattern INLINE = Pattern.compile("(`+)((?:[^\\n]|\\n(?!\\n))+?)\\1");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d.,]*\\d|\\d");
    private static final List<String> LANGUAGES = List.of("pt-BR", "es");

    /** What a page must keep in every language. */
    record Facts(List<Integer> headings, int rows, Map<String, Integer> inline, Map<String, Integer> links,
                 Map<String, Integer> numbers, List<String> fenced, int mermaid) {
    }

    @Test
    void everyTranslationKeepsItsEnglishPagesCodeNamesFiguresLinksAndHeadings() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        int pages = 0;
        for (Path english : englishPages(root)) {
            pages++;
            Facts want = facts(Files.readString(english));
            for (String language : LANGUAGES) {
                Path translated = english.resolveSibling("README." + language + ".md");
                String where = root.relativize(translated).toString();
                if (!Files.isRegularFile(translated)) {
                    problems.add(where + ": missing");
                    continue;
                }
                String text = Files.readString(translated);
                List<String> lines = text.lines().toList();
                if (lines.isEmpty() || !lines.get(0).equals(LANGUAGE_LINE)) {
                    problems.add(where + ": line 1 is not the language line");
                }
                if (lines.size() < 2 || !MARKER.matcher(lines.get(1)).matches()) {
                    problems.add(where + ": line 2 is not <!-- translates README.md sha256:<16 hex> -->");
                }
                compare(where, want, facts(text), problems);
            }
        }
        assertTrue(pages >= 17, "found " + pages + " pages with the language line; expected every page a student reads");
        assertTrue(problems.isEmpty(), "translations that no longer match their English page (see docs/translating.md):\n"
                + String.join("\n", problems));
    }

    /** Every README.md of the repository that opens with the language line. */
    static List<Path> englishPages(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root, 4)) {
            List<Path> pages = new ArrayList<>();
            for (Path p : all.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .sorted().toList()) {
                if (Files.readString(p).startsWith(LANGUAGE_LINE)) {
                    pages.add(p);
                }
            }
            return pages;
        }
    }

    private static void compare(String where, Facts want, Facts got, List<String> problems) {
        if (!want.headings().equals(got.headings())) {
            problems.add(where + ": heading levels " + got.headings() + ", English " + want.headings());
        }
        if (want.rows() != got.rows()) {
            problems.add(where + ": " + got.rows() + " table rows, English " + want.rows());
        }
        if (!want.fenced().equals(got.fenced())) {
            int i = 0;
            while (i < Math.min(want.fenced().size(), got.fenced().size()) && want.fenced().get(i).equals(got.fenced().get(i))) {
                i++;
            }
            problems.add(where + ": code block " + (i + 1) + " differs from the English (or their count: "
                    + got.fenced().size() + " against " + want.fenced().size() + ")");
        }
        if (want.mermaid() != got.mermaid()) {
            problems.add(where + ": " + got.mermaid() + " Mermaid diagrams, English " + want.mermaid());
        }
        difference(where, "inline code", want.inline(), got.inline(), problems);
        difference(where, "links", want.links(), got.links(), problems);
        difference(where, "numbers", want.numbers(), got.numbers(), problems);
    }

    private static void difference(String where, String what, Map<String, Integer> want, Map<String, Integer> got,
                                   List<String> problems) {
        Map<String, Integer> missing = new HashMap<>();
        Map<String, Integer> extra = new HashMap<>();
        want.forEach((k, n) -> {
            int d = n - got.getOrDefault(k, 0);
            if (d > 0) {
                missing.put(k, d);
            }
        });
        got.forEach((k, n) -> {
            int d = n - want.getOrDefault(k, 0);
            if (d > 0) {
                extra.put(k, d);
            }
        });
        if (!missing.isEmpty() || !extra.isEmpty()) {
            problems.add(where + ": " + what + " missing " + missing + ", not in the English " + extra);
        }
    }

    /** A page's facts, its first two lines (the language line, and a blank or the marker) left out. */
    static Facts facts(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!lines.isEmpty() && lines.get(0).equals(LANGUAGE_LINE)) {
            lines = lines.subList(Math.min(2, lines.size()), lines.size());
        }
        List<String> prose = new ArrayList<>();
        List<String> fenced = new ArrayList<>();
        int mermaid = 0;
        String fence = null;
        String info = null;
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            if (fence == null) {
                Matcher m = FENCE.matcher(line);
                if (m.matches()) {
                    fence = m.group(1);
                    info = m.group(2).strip();
                    body.setLength(0);
                } else {
                    prose.add(line);
                }
            } else if (line.strip().equals(fence)) {
                if (info.equals("mermaid")) {
                    mermaid++;
                } else {
                    fenced.add(info + "\n" + body);
                }
                fence = null;
            } else {
                body.append(line).append('\n');
            }
        }
        List<Integer> headings = new ArrayList<>();
        int rows = 0;
        for (String line : prose) {
            Matcher h = HEADING.matcher(line);
            if (h.find()) {
                headings.add(h.group(1).length());
            }
            if (line.stripLeading().startsWith("|")) {
                rows++;
            }
        }
        String joined = String.join("\n", prose);
        Map<String, Integer> inline = new HashMap<>();
        INLINE.matcher(joined).results().forEach(r -> inline.merge(r.group(2).strip().replaceAll("\\s+", " "), 1, Integer::sum));
        String noCode = INLINE.matcher(joined).replaceAll(" ");
        Map<String, Integer> links = new HashMap<>();
        LINK.matcher(noCode).results().forEach(r -> links.merge(
                r.group(1).split("#", 2)[0].replaceAll("\\.(pt-BR|es)\\.md$", ".md").replaceAll("/(README\\.md)?$", ""),
                1, Integer::sum)); // a folder, or its README in any language: the same page
        String noLinks = LINK.matcher(noCode).replaceAll("] ").replaceAll("(?s)<!--.*?-->", " ");
        Map<String, Integer> numbers = new HashMap<>();
        NUMBER.matcher(noLinks).results().forEach(r -> numbers.merge(r.group().replaceAll("[.,]", ""), 1, Integer::sum));
        return new Facts(headings, rows, inline, links, numbers, fenced, mermaid);
    }
}
