package sockets.common.grading;

/**
 * A check found the program wrong: what was sent, what a right program answers, what came back, and a
 * command that shows the same by hand. An {@code AssertionError}, so a JUnit contract test reports it too.
 */
public final class CheckFailure extends AssertionError {
    private final String reproduce;

    public CheckFailure(String sent, String expected, String got, String reproduce) {
        super("sent " + sent + "; expected " + expected + "; got " + got);
        this.reproduce = reproduce;
    }

    /** A command line that shows the fault by hand, or empty. */
    public String reproduce() {
        return reproduce;
    }
}
