package sockets.framing.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.blocking.Clients;
import sockets.common.HostPort;
import sockets.common.Narration;
import sockets.common.PeerLog;
import sockets.framing.AsciiLengthFraming;
import sockets.framing.FixedLengthFraming;
import sockets.framing.FrameDecoder;
import sockets.framing.FrameEchoHandler;
import sockets.framing.FrameException;
import sockets.framing.FrameReader;
import sockets.framing.FrameWriter;
import sockets.framing.Framing;
import sockets.framing.LengthPrefixFraming;
import sockets.framing.LineFraming;
import sockets.framing.MySocket;
import sockets.framing.NetstringFraming;
import sockets.framing.TruncatedFrameException;
import sockets.framing.TypedFraming;

/** The chapter in one process: one stream, several messages, cut in odd places, and how each framing copes. */
final class Tour extends Narration {
    private static final int TIMEOUT_MS = 5_000;
    private static final int[] CUTS = {3, 1, 7, 2, 11, 5};

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 02: framing, or where does a message end?");
        List<byte[]> messages = List.of(bytes("hello"), bytes("two words"), bytes(""), bytes("last, with a comma"));
        theSameMessagesFramedSixWays(messages);
        aStreamIsCutAnywhere(messages);
        badInputGetsATypedFault();
        overRealSockets();
        mySocket();
        return done("Next: chapter 03, the bytes inside a message.");
    }

    /** What each framing puts on the wire for the same four messages. */
    private void theSameMessagesFramedSixWays(List<byte[]> messages) {
        step(1, "The same four messages, framed six ways. This is what goes on the wire:");
        for (Framing framing : framings()) {
            List<byte[]> sent = framing instanceof FixedLengthFraming || framing instanceof TypedFraming
                    ? fitted(framing, messages) : messages;
            say("%-10s %s", framing.name(), show(encodeAll(framing, sent)));
        }
        say("fixed:8 and typed carry messages of their own sizes, so the sender fits each one: fixed:8 pads with '.'");
        say("or cuts to 8 bytes; typed sends text as type 'T', 32 bytes padded with spaces, and nothing as 'P' (ping).");
    }

    /** A stream cut in odd places: the decoder holds partial messages and leftovers until they are whole. */
    private void aStreamIsCutAnywhere(List<byte[]> messages) throws FrameException {
        step(2, "TCP delivers a stream, cut wherever the network likes. Here the cuts are 3, 1, 7, 2, 11, 5, ... bytes:");
        for (Framing framing : List.of(new LineFraming(LineFraming.DEFAULT_MAX),
                new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX))) {
            say("%s:", framing.name());
            FrameDecoder decoder = framing.newDecoder();
            byte[] stream = encodeAll(framing, messages);
            int at = 0;
            for (int i = 0; at < stream.length; i++) {
                int n = Math.min(CUTS[i % CUTS.length], stream.length - at);
                List<String> got = new ArrayList<>();
                decoder.feed(ByteBuffer.wrap(stream, at, n), m -> got.add(show(m)));
                say("  read %-24s -> %s", show(java.util.Arrays.copyOfRange(stream, at, at + n)),
                        got.isEmpty() ? "no message yet (" + decoder.buffered() + " bytes held)" : "message " + got);
                at += n;
            }
        }
        say("a read can hold part of a message, or the end of one and the start of the next (the leftover):");
        say("the decoder keeps those bytes for the next read instead of losing them.");
    }

    /** Malformed input of each kind, and the typed fault each decoder raises for it. */
    private void badInputGetsATypedFault() {
        step(3, "Bad input gets a typed fault that says what was wrong, and the connection is closed:");
        fault(new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX),
                new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        fault(new NetstringFraming(NetstringFraming.DEFAULT_MAX), bytes("05:hello,"));
        fault(new NetstringFraming(NetstringFraming.DEFAULT_MAX), bytes("5:hello!"));
        fault(new AsciiLengthFraming(AsciiLengthFraming.LIMIT), bytes("00x12"));
        fault(new TypedFraming(TypedFraming.DEFAULT_TYPES), bytes("Zzz"));
        fault(new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX), new byte[] {0, 0, 0, 10, 'a', 'b', 'c'});
    }

    /** The same framing over real sockets, through a relay that splits every write into 3-byte pieces. */
    private void overRealSockets() throws Exception {
        step(4, "Over real sockets: a frame server behind a relay that forwards 3 bytes per write.");
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        PeerLog quiet = PeerLog.discard();
        InetSocketAddress any = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(any, 5, Threads.VIRTUAL,
                new FrameEchoHandler(framing), quiet);
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(any, 5, Threads.VIRTUAL,
                     new Relay(new HostPort("127.0.0.1", server.start().getPort()), new Relay.Faults(3, 0),
                             TIMEOUT_MS, Threads.VIRTUAL), quiet);
             Socket socket = Clients.connect(relay.start(), TIMEOUT_MS)) {
            FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing);
            FrameReader reader = new FrameReader(socket.getInputStream(), framing.newDecoder());
            for (int i = 1; i <= 3; i++) {
                byte[] message = bytes("message number " + i + " of three");
                writer.write(message);
                say("sent %d bytes as one frame, got back: %s", message.length, show(reader.read()));
            }
        }
    }

    /** Why the HOWTO's fixed-length receive cannot tell a clean close from a message cut short, and a decoder can. */
    private void mySocket() throws Exception {
        step(5, "The HOWTO's MySocket (fixed 16-byte messages): a clean close and a broken message look the same.");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            for (int sentBytes : new int[] {MySocket.MSGLEN, MySocket.MSGLEN + 5}) {
                try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                     MySocket served = new MySocket(listener.accept())) {
                    client.write(ByteBuffer.wrap(new byte[sentBytes]));
                    client.close();
                    served.myreceive();
                    String what = sentBytes == MySocket.MSGLEN ? "one whole message, then a clean close"
                            : "one message and 5 bytes of the next, then the peer died";
                    try {
                        served.myreceive();
                    } catch (java.io.IOException e) {
                        say("%-58s -> MySocket says \"%s\"", what, e.getMessage());
                    }
                    FrameReader proper = new FrameReader(new java.io.ByteArrayInputStream(new byte[sentBytes]),
                            new FixedLengthFraming(MySocket.MSGLEN).newDecoder());
                    proper.read();
                    try {
                        byte[] next = proper.read();
                        say("%-58s -> FrameReader says %s", "", next == null ? "end of stream, cleanly" : "a message");
                    } catch (TruncatedFrameException e) {
                        say("%-58s -> FrameReader says \"%s\"", "", e.getMessage());
                    }
                }
            }
        }
    }

    private void fault(Framing framing, byte[] input) {
        FrameDecoder decoder = framing.newDecoder();
        try {
            decoder.feed(ByteBuffer.wrap(input), m -> { });
            decoder.finish();
            say("%-10s %-22s -> accepted", framing.name(), show(input));
        } catch (FrameException e) {
            say("%-10s %-22s -> %s: %s", framing.name(), show(input), e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static List<Framing> framings() {
        return List.of(new FixedLengthFraming(8), new LineFraming(LineFraming.DEFAULT_MAX),
                new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX), new AsciiLengthFraming(AsciiLengthFraming.LIMIT),
                new NetstringFraming(NetstringFraming.DEFAULT_MAX), new TypedFraming(TypedFraming.DEFAULT_TYPES));
    }

    /** Fixed and typed framings need messages of their lengths: pad or cut each to fit, as the tour says. */
    private static List<byte[]> fitted(Framing framing, List<byte[]> messages) {
        List<byte[]> fitted = new ArrayList<>();
        for (byte[] m : messages) {
            if (framing instanceof FixedLengthFraming fixed) {
                byte[] padded = java.util.Arrays.copyOf(m, fixed.maxFrame());
                java.util.Arrays.fill(padded, Math.min(m.length, padded.length), padded.length, (byte) '.');
                fitted.add(padded);
            } else {
                fitted.add(m.length == 0 ? bytes("P") : bytes(("T" + new String(m, StandardCharsets.UTF_8)
                        + " ".repeat(32)).substring(0, 33))); // type 'T': 32 bytes of text, padded with spaces
            }
        }
        return fitted;
    }

    private static byte[] encodeAll(Framing framing, List<byte[]> messages) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        messages.forEach(m -> stream.writeBytes(framing.encode(m)));
        return stream.toByteArray();
    }

    /** Bytes as text: printable ASCII as is, newline as \n, anything else as \xNN. */
    static String show(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == '\n') {
                text.append("\\n");
            } else if (v >= 0x20 && v < 0x7f && v != '"' && v != '\\') {
                text.append((char) v);
            } else {
                text.append(String.format("\\x%02x", v));
            }
        }
        return text.append('"').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
