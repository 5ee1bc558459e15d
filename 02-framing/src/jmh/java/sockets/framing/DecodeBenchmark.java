package sockets.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput, in messages per second: 10,000 messages of 100 bytes, framed by length prefix or by
 * newline, delivered in 4 KiB chunks cut without regard to message boundaries (as reads deliver them).
 * Ours against Netty's {@link LengthFieldBasedFrameDecoder} and {@link LineBasedFrameDecoder} on the very
 * same bytes. Ours copies each message into its own {@code byte[]}; Netty's hands out slices of its
 * cumulation buffer (which the receiver must release), driven through an {@link EmbeddedChannel}.
 * MB/s is messages/s times the frame size (104 bytes for length, 101 for line).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@OperationsPerInvocation(DecodeBenchmark.MESSAGES)
public class DecodeBenchmark {
    static final int MESSAGES = 10_000;
    static final int MESSAGE = 100;
    static final int CHUNK = 4096;

    private byte[] lengthStream;
    private byte[] lineStream;
    private LengthPrefixFraming length;
    private LineFraming line;
    private EmbeddedChannel nettyLength;
    private EmbeddedChannel nettyLine;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        length = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        line = new LineFraming(LineFraming.DEFAULT_MAX);
        Random random = new Random(100);
        ByteArrayOutputStream byLength = new ByteArrayOutputStream();
        ByteArrayOutputStream byLine = new ByteArrayOutputStream();
        for (int i = 0; i < MESSAGES; i++) {
            byte[] message = new byte[MESSAGE];
            for (int j = 0; j < MESSAGE; j++) {
                message[j] = (byte) (' ' + random.nextInt(95)); // printable: never a newline
            }
            byLength.writeBytes(length.encode(message));
            byLine.writeBytes(line.encode(message));
        }
        lengthStream = byLength.toByteArray();
        lineStream = byLine.toByteArray();
        nettyLength = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(LengthPrefixFraming.DEFAULT_MAX, 0, 4, 0, 4));
        nettyLine = new EmbeddedChannel(new LineBasedFrameDecoder(LineFraming.DEFAULT_MAX, true, true));
        // Every variant must find every message, or its figure means nothing.
        Blackhole check = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int found : new int[] {ours(length, lengthStream, check), ours(line, lineStream, check),
                netty(nettyLength, lengthStream, check), netty(nettyLine, lineStream, check)}) {
            if (found != MESSAGES) {
                throw new IllegalStateException("decoded " + found + " of " + MESSAGES + " messages");
            }
        }
        check.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettyLength.finishAndReleaseAll();
        nettyLine.finishAndReleaseAll();
    }

    @Benchmark
    public int oursLength(Blackhole blackhole) throws FrameException {
        return ours(length, lengthStream, blackhole);
    }

    @Benchmark
    public int nettyLength(Blackhole blackhole) {
        return netty(nettyLength, lengthStream, blackhole);
    }

    @Benchmark
    public int oursLine(Blackhole blackhole) throws FrameException {
        return ours(line, lineStream, blackhole);
    }

    @Benchmark
    public int nettyLine(Blackhole blackhole) {
        return netty(nettyLine, lineStream, blackhole);
    }

    private static int ours(Framing framing, byte[] stream, Blackhole blackhole) throws FrameException {
        FrameDecoder decoder = framing.newDecoder();
        int[] count = new int[1];
        for (int at = 0; at < stream.length; at += CHUNK) {
            decoder.feed(ByteBuffer.wrap(stream, at, Math.min(CHUNK, stream.length - at)), m -> {
                blackhole.consume(m);
                count[0]++;
            });
        }
        decoder.finish();
        return count[0];
    }

    private static int netty(EmbeddedChannel channel, byte[] stream, Blackhole blackhole) {
        int count = 0;
        for (int at = 0; at < stream.length; at += CHUNK) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(CHUNK, stream.length - at)));
            for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
                blackhole.consume(frame);
                frame.release();
                count++;
            }
        }
        return count;
    }
}
