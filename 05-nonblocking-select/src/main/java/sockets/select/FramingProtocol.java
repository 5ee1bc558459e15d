package sockets.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import sockets.framing.FrameDecoder;
import sockets.framing.Framing;

/** Echoes each complete message back, framed the same way, with chapter 02's decoders fed from the selector. */
public final class FramingProtocol implements Protocol {
    private final Framing framing;

    public FramingProtocol(Framing framing) {
        this.framing = framing;
    }

    @Override
    public Session open(SocketAddress peer) {
        FrameDecoder decoder = framing.newDecoder();
        return new Session() {
            @Override
            public void onData(ByteBuffer in, Outbox out) throws IOException {
                decoder.feed(in, message -> out.write(ByteBuffer.wrap(framing.encode(message))));
            }

            @Override
            public void onEndOfStream(Outbox out) throws IOException {
                decoder.finish();
            }
        };
    }
}
