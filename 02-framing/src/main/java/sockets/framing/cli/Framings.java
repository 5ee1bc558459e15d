package sockets.framing.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import sockets.framing.AsciiLengthFraming;
import sockets.framing.FixedLengthFraming;
import sockets.framing.Framing;
import sockets.framing.LengthPrefixFraming;
import sockets.framing.LineFraming;
import sockets.framing.NetstringFraming;
import sockets.framing.TypedFraming;

/** Turns a {@code --framing} value and an optional {@code --max-frame} into a {@link Framing}. */
public final class Framings {
    public static final String NAMES = "fixed:N, line, length, ascii, netstring, typed";

    private Framings() {
    }

    /** {@code maxFrame} null: the framing's own default. */
    public static Framing parse(String spec, Integer maxFrame) {
        String name = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("fixed:")) {
            int n;
            try {
                n = Integer.parseInt(name.substring("fixed:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': N in fixed:N must be a whole number");
            }
            if (n < 1) {
                throw new IllegalArgumentException("'" + spec + "': N in fixed:N must be at least 1, not " + n);
            }
            if (maxFrame != null && n > maxFrame) {
                throw new IllegalArgumentException("'" + spec + "': N in fixed:N must be at most --max-frame " + maxFrame);
            }
            return new FixedLengthFraming(n);
        }
        return switch (name) {
            case "line" -> new LineFraming(orDefault(maxFrame, LineFraming.DEFAULT_MAX));
            case "length" -> new LengthPrefixFraming(orDefault(maxFrame, LengthPrefixFraming.DEFAULT_MAX));
            case "ascii" -> new AsciiLengthFraming(Math.min(orDefault(maxFrame, AsciiLengthFraming.LIMIT),
                    AsciiLengthFraming.LIMIT));
            case "netstring" -> new NetstringFraming(orDefault(maxFrame, NetstringFraming.DEFAULT_MAX));
            case "typed" -> new TypedFraming(TypedFraming.DEFAULT_TYPES);
            default -> throw new IllegalArgumentException("'" + spec + "' is not a framing (" + NAMES + ")");
        };
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Checks the framing's name on the command line, before the command runs. */
    public static final class NameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                parse(value, null);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
