package sockets.common.grading;

/**
 * Text that came from a graded program, made safe to show: on a terminal no control character, escape
 * sequence or line break of the program's reaches the instructor's screen raw (so a program cannot print
 * a fake {@code result:} line or hide the real total), and in XML every character XML forbids is written
 * as a visible {@code \\uXXXX} instead, so the report always parses.
 */
public final class Shown {
    private Shown() {
    }

    /**
     * One line for a terminal: C0 and C1 controls, DEL, line and paragraph separators and the bidirectional
     * overrides written as {@code \\n}, {@code \\e}, {@code \\u202E}...; everything else as it is.
     */
    public static String terminal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x1b -> out.append("\\e");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                            || (Character.isSurrogate(c) && !pairAt(text, i)) || c == 0xfffe || c == 0xffff) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Text for an XML attribute or element: markup escaped, and every character outside XML 1.0's
     * {@code Char} production (controls, lone surrogates, U+FFFE, U+FFFF) written as {@code \\uXXXX}.
     */
    public static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n', '\t' -> out.append(c);
                case '\r' -> out.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && pairAt(text, i)) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** True if position {@code i} starts or ends a well-formed surrogate pair. */
    private static boolean pairAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
