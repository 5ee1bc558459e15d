package sockets.common.grading;

/**
 * One graded check: the sentence a student reads, its points, whether passing it is required, and what
 * it does to the program through a {@link Connector}. A check fails by throwing: a {@link CheckFailure}
 * says what was sent and what came back; any other exception (a timeout, a reset) says what happened.
 */
public record Check(String name, int points, boolean required, Body body) {

    /** What the check does. */
    @FunctionalInterface
    public interface Body {
        void run(Connector target) throws Exception;
    }

    public static Check required(String name, int points, Body body) {
        return new Check(name, points, true, body);
    }
}
