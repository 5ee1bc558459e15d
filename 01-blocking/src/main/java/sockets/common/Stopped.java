package sockets.common;

/**
 * What a server's stop could not finish: the connections it ended with a reset, because they were still
 * owed bytes (replies unsent, or their own bytes unread) when the drain period ran out, and those bytes.
 * {@code bytesUnsent} is -1 where the server cannot know them and a Unix socket has no reset to send (a
 * thread per connection over a Unix socket): the line then says only how many were cut.
 */
public record Stopped(long connectionsCut, long bytesUnsent) {
    public static final Stopped NOTHING = new Stopped(0, 0);

    /** The one line a server prints on stderr when it stopped with something cut, or null when nothing was. */
    public String line() {
        if (connectionsCut == 0) {
            return null;
        }
        if (bytesUnsent < 0) {
            return "stopped: " + connectionsCut + (connectionsCut == 1 ? " connection" : " connections")
                    + " cut while still open";
        }
        return "stopped: " + connectionsCut + (connectionsCut == 1 ? " connection" : " connections")
                + " cut with a reset, " + String.format(java.util.Locale.ROOT, "%,d", bytesUnsent)
                + " bytes owed unsent";
    }
}
