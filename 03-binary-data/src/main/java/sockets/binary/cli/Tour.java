package sockets.binary.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import sockets.binary.BinaryFormatException;
import sockets.binary.Hex;
import sockets.binary.NetworkOrder;
import sockets.binary.Reading;
import sockets.binary.ReadingCodec;
import sockets.binary.SizeTable;
import sockets.binary.TimeClient;
import sockets.binary.TimeHandler;
import sockets.binary.TimeProtocol;
import sockets.binary.Wire;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.Narration;
import sockets.common.PeerLog;

/** The chapter in one process: byte order, the unsigned trap, RFC 868 on a real socket, a record, sizes. */
final class Tour extends Narration {
    private static final int TIMEOUT_MS = 5_000;

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 03: binary data");
        byteOrderLaysOutTheSameNumberTwoWays();
        aLargeUnsignedValueReadsBackNegative();
        theTimeProtocolOnARealSocket();
        aRecordIsCheckedBeforeItIsRead();
        textAgainstBinarySizes();
        return done("Next: chapter 04, how connections end.");
    }

    /** Big- and little-endian layouts of one number, and which one Java's streams and buffers use. */
    private void byteOrderLaysOutTheSameNumberTwoWays() throws IOException {
        step(1, "Byte order: the same number, two ways to lay out its bytes.");
        say("this machine: ByteOrder.nativeOrder() = %s", ByteOrder.nativeOrder());
        say("1 as a 16-bit value:           network order (big-endian) %s, little-endian %s",
                Hex.of(ByteBuffer.allocate(2).putShort((short) 1).array()),
                Hex.of(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).array()));
        say("0x01020304 as a 32-bit value:  network order %s, little-endian %s",
                Hex.of(ByteBuffer.allocate(4).putInt(0x01020304).array()),
                Hex.of(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x01020304).array()));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        new DataOutputStream(data).writeInt(0x01020304);
        say("DataOutputStream.writeInt and a new ByteBuffer are big-endian on every machine: %s", Hex.of(data.toByteArray()));
        say("C's htonl(0x01020304) here is 0x%08x: the value whose bytes, in this machine's order, are network order",
                NetworkOrder.htonl(0x01020304));
    }

    /** Java's int is signed, so a 32-bit value with the top bit set must be read as unsigned. */
    private void aLargeUnsignedValueReadsBackNegative() throws BinaryFormatException {
        step(2, "Java has no unsigned int: a 32-bit network value over 2^31 reads back negative.");
        byte[] epoch = Hex.parse("83aa7e80");
        say("the bytes %s read with getInt(): %,d   (wrong)", Hex.of(epoch), ByteBuffer.wrap(epoch).getInt());
        say("the same read as unsigned (Integer.toUnsignedLong): %,d = 1970-01-01 in RFC 868's count",
                Wire.readU32(ByteBuffer.wrap(epoch), "time"));
    }

    /** RFC 868 over TCP: four bytes and a close, decoded, and the year its count wraps. */
    private void theTimeProtocolOnARealSocket() throws IOException {
        step(3, "RFC 868, the Time Protocol: a server sends 4 bytes and closes; a client reads exactly 4.");
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, Threads.VIRTUAL,
                new TimeHandler(Clock.systemUTC()), PeerLog.discard())) {
            InetSocketAddress address = server.start();
            byte[] reply = TimeClient.fetch(address, TIMEOUT_MS);
            say("received %s = %,d seconds since 1900 = %s", Hex.of(reply),
                    Wire.readU32(ByteBuffer.wrap(reply), "time"), TimeProtocol.decode(reply));
        }
        say("the count wraps in 2036: %s is %s, and the top-bit rule reads it as %s",
                Hex.of(TimeProtocol.encode(java.time.Instant.parse("2036-02-07T06:28:16Z"))),
                "2036-02-07T06:28:16Z", TimeProtocol.decode(Hex.parse("00000000")));
    }

    /** A record encoded and decoded again, and a cut-short copy refused before anything is read from it. */
    private void aRecordIsCheckedBeforeItIsRead() throws BinaryFormatException {
        step(4, "A record with fields of every width, big-endian, and a decoder that checks before it reads.");
        ReadingCodec codec = new ReadingCodec(ReadingCodec.DEFAULT_MAX_UNIT);
        Reading reading = new Reading(513, -1, 1_700_000_000_000_000L, 21.5, "degC");
        byte[] encoded = codec.encode(reading);
        say("%s", reading);
        say("-> %d bytes: %s", encoded.length, Hex.of(encoded));
        say("<- %s", codec.decode(ByteBuffer.wrap(encoded)));
        try {
            codec.decode(ByteBuffer.wrap(encoded, 0, 10));
        } catch (BinaryFormatException e) {
            say("the first 10 bytes only: %s: %s", e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Measured sizes of text, fixed-width binary and varints, to test the HOWTO's claim that text is smaller. */
    private void textAgainstBinarySizes() {
        step(5, "ASCII against binary: the HOWTO says text is often smaller. Measured on 100,000 values:");
        for (String line : SizeTable.format(SizeTable.measure(100_000, 868)).split("\n")) {
            say("%s", line);
        }
        say("text wins over fixed-width binary only for tiny values; a varint wins there and stays close to");
        say("fixed width for large ones. Chapter 02 framed messages; this is what goes inside them.");
    }
}
