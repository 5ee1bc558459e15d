package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unsigned values done right (and wrong), and every field type round-tripped at its edges. */
class UnsignedAndRoundTripTest {

    @Test
    void theNaiveSignedReadOfAU32AboveTwoToThe31GoesNegative() {
        byte[] bytes = {(byte) 0x83, (byte) 0xaa, 0x7e, (byte) 0x80};
        assertEquals(-2_085_978_496, ByteBuffer.wrap(bytes).getInt());
    }

    @Test
    void theUnsignedReadOfTheSameBytesDoesNot() throws Exception {
        byte[] bytes = {(byte) 0x83, (byte) 0xaa, 0x7e, (byte) 0x80};
        assertEquals(2_208_988_800L, Wire.readU32(ByteBuffer.wrap(bytes), "u32"));
    }

    @Test
    void aByteAbove127ReadsAs200OnlyWhenMasked() throws Exception {
        byte b = (byte) 200;
        assertEquals(-56, b);
        assertEquals(200, Wire.readU8(ByteBuffer.wrap(new byte[] {b}), "u8"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 255})
    void u8RoundTrips(long value) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(1);
        Wire.writeU8(buffer, (int) value);
        assertEquals(value, Wire.readU8(buffer.flip(), "u8"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 32767, 32768, 65535})
    void u16RoundTrips(long value) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(2);
        Wire.writeU16(buffer, (int) value);
        assertEquals(value, Wire.readU16(buffer.flip(), "u16"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_147_483_647L, 2_147_483_648L, 4_294_967_295L})
    void u32RoundTrips(long value) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(4);
        Wire.writeU32(buffer, value);
        assertEquals(value, Wire.readU32(buffer.flip(), "u32"));
    }

    @Test
    void valuesThatDoNotFitAnUnsignedFieldAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Wire.writeU8(ByteBuffer.allocate(1), 256));
        assertThrows(IllegalArgumentException.class, () -> Wire.writeU16(ByteBuffer.allocate(2), -1));
        assertThrows(IllegalArgumentException.class, () -> Wire.writeU32(ByteBuffer.allocate(4), 4_294_967_296L));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void i32RoundTripsInARecord(int value) throws Exception {
        Reading reading = new Reading(0, value, 0, 0, "");
        assertEquals(reading, roundTrip(reading));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, (1L << 32) - 1})
    void i64RoundTripsInARecord(long value) throws Exception {
        Reading reading = new Reading(65_535, 0, value, 0, "x");
        assertEquals(reading, roundTrip(reading));
    }

    /** Bit for bit: NaN's payload and the sign of -0.0 survive (0.0 == -0.0 would hide a lost sign). */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, 1.0, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void f64RoundTripsBitForBitInARecord(double value) throws Exception {
        Reading back = roundTrip(new Reading(1, 2, 3, value, "unit"));
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back.value()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, (1L << 32) - 1})
    void varintsAndZigzagRoundTrip(long value) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(Varint.MAX_BYTES * 2);
        Varint.write(value, buffer);
        Varint.write(Varint.zigzag(value), buffer);
        buffer.flip();
        assertEquals(value, Varint.read(buffer));
        assertEquals(value, Varint.unzigzag(Varint.read(buffer)));
    }

    @Test
    void aVarintOfElevenBytesIsMalformed() {
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        assertThrows(MalformedFieldException.class, () -> Varint.read(ByteBuffer.wrap(eleven)));
    }

    @Test
    void aVarintWhoseTenthByteGoesPast64BitsIsMalformed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(-1L, out);
        byte[] bytes = out.toByteArray();
        bytes[9] = 0x02;
        assertThrows(MalformedFieldException.class, () -> Varint.read(ByteBuffer.wrap(bytes)));
    }

    @Test
    void aVarintCutShortIsTruncated() {
        assertThrows(TruncatedInputException.class, () -> Varint.read(ByteBuffer.wrap(new byte[] {(byte) 0xac})));
    }

    @Test
    void unicodeTextRoundTripsInARecord() throws Exception {
        Reading reading = new Reading(7, 7, 7, 7, "µg/m³ ✓");
        assertEquals(reading, roundTrip(reading));
        assertTrue(new ReadingCodec(256).encode(reading).length > ReadingCodec.FIXED + reading.unit().length(),
                "non-ASCII characters take more than one byte in UTF-8");
    }

    private static Reading roundTrip(Reading reading) throws Exception {
        ReadingCodec codec = new ReadingCodec(ReadingCodec.DEFAULT_MAX_UNIT);
        ByteBuffer in = ByteBuffer.wrap(codec.encode(reading));
        Reading back = codec.decode(in);
        assertEquals(0, in.remaining(), "the decoder reads exactly the record");
        return back;
    }
}
