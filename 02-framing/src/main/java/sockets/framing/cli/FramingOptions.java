package sockets.framing.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import sockets.common.CountConverter;
import sockets.framing.Framing;

/** {@code --framing} and {@code --max-frame}, shared by every command that speaks frames. */
public final class FramingOptions {
    @Option(names = "--framing", required = true, paramLabel = "F", converter = Framings.NameConverter.class,
            description = "How messages are marked: " + Framings.NAMES + ".")
    String framing;

    @Option(names = "--max-frame", paramLabel = "BYTES", converter = CountConverter.class,
            description = "Largest payload accepted (default: line 8192, length and netstring 1048576, ascii 99999;"
                    + " fixed:N must not exceed it; typed ignores it, its types fix their lengths).")
    Integer maxFrame;

    /** The framing these options name; {@link IllegalArgumentException} if they do not fit together. */
    public Framing framing() {
        return Framings.parse(framing, maxFrame);
    }

    /** The same, with a misfit reported as bad usage of {@code spec}'s command (exit 2, one line). */
    public Framing framing(CommandSpec spec) {
        try {
            return framing();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
