package sockets.common;

import java.io.PrintStream;

/** What every chapter's tour shares: the stream it prints to, numbered steps, and indented lines under them. */
public abstract class Narration {
    protected final PrintStream out;

    protected Narration(PrintStream out) {
        this.out = out;
    }

    /** A blank line, then "N. title". */
    protected final void step(int n, String title) {
        out.println();
        out.println(n + ". " + title);
    }

    /** The tour's last lines: a blank line, then "Done. " and {@code next}; returns {@link Cli#OK}. */
    protected final int done(String next) {
        out.println();
        out.println("Done. " + next);
        return Cli.OK;
    }

    /** One line under the current step, formatted like {@link String#format}. */
    protected final void say(String format, Object... args) {
        out.println("   " + String.format(format, args));
    }
}
