package sockets.framing;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The HOWTO's {@code MySocket}, ported line for line: fixed-length messages of {@link #MSGLEN} bytes,
 * a send loop and a receive loop that keep calling until the whole message has gone or come, and
 * "socket connection broken" when a call moves nothing.
 *
 * <p>It works, and it is worth reading for its two loops. Its flaw is the error: a peer that closes
 * cleanly between two messages and a peer that dies in the middle of one both come out as the same
 * "socket connection broken", so the caller cannot tell a finished conversation from a lost message.
 * {@link FixedLengthFraming} with {@link FrameReader} does it properly: {@code null} for the first,
 * {@link TruncatedFrameException} with the byte counts for the second.
 */
public final class MySocket implements AutoCloseable {
    public static final int MSGLEN = 16;
    private static final int MAX_CHUNK = 2048;

    private final SocketChannel sock;
    private final int msglen;

    public MySocket(SocketChannel sock) {
        this(sock, MSGLEN);
    }

    /**
     * Messages of {@code msglen} bytes instead of the HOWTO's 16: at megabytes, a blocking channel's write
     * on a virtual thread returns after part of the message, and {@link #mysend}'s loop goes round.
     */
    public MySocket(SocketChannel sock, int msglen) {
        this.sock = sock;
        this.msglen = msglen;
    }

    public static MySocket connect(SocketAddress address) throws IOException {
        return new MySocket(SocketChannel.open(address));
    }

    public void mysend(byte[] msg) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(msg);
        int totalsent = 0;
        while (totalsent < msglen) {
            buffer.position(totalsent);
            int sent = sock.write(buffer);
            if (sent == 0) {
                throw new IOException("socket connection broken");
            }
            totalsent = totalsent + sent;
        }
    }

    public byte[] myreceive() throws IOException {
        ByteBuffer chunks = ByteBuffer.allocate(msglen);
        int bytesRecd = 0;
        while (bytesRecd < msglen) {
            chunks.limit(Math.min(bytesRecd + Math.min(msglen - bytesRecd, MAX_CHUNK), msglen));
            int got = sock.read(chunks);
            if (got <= 0) { // Python's recv returns b'' at end of stream; a Java channel returns -1
                throw new IOException("socket connection broken");
            }
            bytesRecd = bytesRecd + got;
        }
        return chunks.array();
    }

    @Override
    public void close() throws IOException {
        sock.close();
    }
}
