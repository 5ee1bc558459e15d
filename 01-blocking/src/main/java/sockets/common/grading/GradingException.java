package sockets.common.grading;

/** The program could not be graded at all (it did not start, or did not say where it listens): one line. */
public final class GradingException extends RuntimeException {
    public GradingException(String message) {
        super(message);
    }
}
