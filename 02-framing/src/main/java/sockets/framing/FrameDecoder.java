package sockets.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Finds messages in a byte stream that arrives in pieces of any size.
 *
 * <p>Feed it every chunk as it comes, a blocking {@code read}'s bytes or a non-blocking channel's
 * {@link ByteBuffer}. It passes each complete message to the sink, in order, and keeps the bytes of an
 * unfinished one (the start of the next message, which the same read may well have brought) for the
 * next chunk. One decoder serves one stream; it is not thread-safe. It holds memory for a message only
 * as the message's bytes arrive, drawn from its server's {@link MemoryBudget}.
 */
public interface FrameDecoder {

    /**
     * Consumes all of {@code chunk}'s remaining bytes and passes every message they complete to
     * {@code sink}. After a {@link FrameException} the stream is unusable: close it.
     *
     * <p>The contract with the caller: the sink is called as soon as a message's last byte (its trailer too,
     * a newline or a comma) is consumed, and at that moment {@code chunk}'s position is just past that byte.
     * So a caller can tell which of the chunk's bytes carried the message (what {@link FrameSplitter} does).
     * The sink must not move {@code chunk}'s position. The {@code byte[]} handed to it is the sink's to keep.
     */
    void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FrameException;

    /** The stream has ended: throws {@link TruncatedFrameException} if it ended inside a message. */
    void finish() throws FrameException;

    /** How many bytes of an unfinished message this decoder holds now; never more than its limit allows. */
    int buffered();

    /** The stream is done with: gives back to the server's {@link MemoryBudget} what this decoder holds. */
    void close();
}
