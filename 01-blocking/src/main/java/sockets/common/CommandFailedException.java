package sockets.common;

/** An expected failure of a command, reported as one line and exit code 1, never as a stack trace. */
public class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }
}
