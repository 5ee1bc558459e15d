package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import sockets.binary.SizeTable.Distribution;
import sockets.binary.SizeTable.Row;

/** The size table's figures are what encoding really produced, and they support what the chapter claims. */
class SizeTableTest {
    private static final int COUNT = 20_000;
    private static final long SEED = 868;

    /** Recomputed here a second way (string lengths, widths, varint sizes) from the same seeded values. */
    @Test
    void everyFigureIsTheSizeOfARealEncoding() {
        for (Distribution distribution : Distribution.values()) {
            Row row = SizeTable.measure(distribution, COUNT, SEED);
            LongSupplier values = distribution.values(new Random(SEED));
            long text = 0;
            long varint = 0;
            for (int i = 0; i < COUNT; i++) {
                long v = values.getAsLong();
                text += Long.toString(v).length() + 1;
                varint += Varint.size(distribution.signed() ? Varint.zigzag(v) : v);
            }
            assertEquals(text, row.text(), distribution.label());
            assertEquals(varint, row.varint(), distribution.label());
            assertEquals(8L * COUNT, row.fixed64(), distribution.label());
            assertEquals((long) SizeTable.FIXED_TEXT_WIDTH * COUNT, row.fixedText(), distribution.label());
            assertEquals(distribution == Distribution.UNIFORM_64 ? -1 : 4L * COUNT, row.fixed32(), distribution.label());
        }
    }

    /** The HOWTO's claim: for values that are mostly 0 or 1, text beats binary. A varint beats both. */
    @Test
    void forMostlyZeroAndOneVarintBeatsTextWhichBeatsFixedWidth() {
        Row row = SizeTable.measure(Distribution.MOSTLY_ZERO_AND_ONE, COUNT, SEED);
        assertTrue(row.varint() < row.text(), "varint < text");
        assertTrue(row.text() < row.fixed32(), "text < fixed 32");
        assertTrue(row.fixed32() < row.fixed64(), "fixed 32 < fixed 64");
    }

    @Test
    void forUniform32BitValuesFixedWidthBeatsVarintWhichBeatsText() {
        Row row = SizeTable.measure(Distribution.UNIFORM_32, COUNT, SEED);
        assertTrue(row.fixed32() < row.varint(), "fixed 32 < varint");
        assertTrue(row.varint() < row.fixed64(), "varint < fixed 64");
        assertTrue(row.fixed64() < row.text(), "fixed 64 < text");
    }

    @Test
    void forUniform64BitValuesFixedWidthBeatsVarintWhichBeatsText() {
        Row row = SizeTable.measure(Distribution.UNIFORM_64, COUNT, SEED);
        assertTrue(row.fixed64() < row.varint(), "fixed 64 < varint");
        assertTrue(row.varint() < row.text(), "varint < text");
    }
    /**
     * The HOWTO's last word on ASCII: "this doesn't fit well with fixed-length messages". Text's length
     * varies with the value, so a fixed-length message must leave room for the widest: 20 digits for a
     * 64-bit value (and a sign), where binary takes 8 whatever the value. In fixed-length messages, text
     * loses its advantage even for the values it suits best.
     */
    @Test
    void asciiInFixedLengthMessagesMustBePaddedToItsWidestAndLosesToBinary() {
        // The encoding itself: every value of every distribution, and the extremes, come back from 20-byte fields.
        for (Distribution distribution : Distribution.values()) {
            java.util.function.LongSupplier values = distribution.values(new java.util.Random(SEED));
            long[] sent = new long[COUNT];
            java.nio.ByteBuffer fields = java.nio.ByteBuffer.allocate(SizeTable.FIXED_TEXT_WIDTH * COUNT);
            for (int i = 0; i < COUNT; i++) {
                sent[i] = values.getAsLong();
                SizeTable.writeFixedText(sent[i], fields);
            }
            assertEquals(SizeTable.FIXED_TEXT_WIDTH * COUNT, fields.position(), "every field the same length");
            fields.flip();
            for (int i = 0; i < COUNT; i++) {
                assertEquals(sent[i], SizeTable.readFixedText(fields), distribution.label() + ", value " + i);
            }
        }
        for (long extreme : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(SizeTable.FIXED_TEXT_WIDTH);
            SizeTable.writeFixedText(extreme, one);
            assertEquals(extreme, SizeTable.readFixedText(one.flip()));
        }
        // Measured: in fixed-length fields, text loses to binary even for the values it suits best.
        Row small = SizeTable.measure(Distribution.MOSTLY_ZERO_AND_ONE, COUNT, SEED);
        assertTrue(small.text() < small.fixed64(), "variable-length text beats binary for small values");
        assertTrue(small.fixedText() > small.fixed64() && small.fixedText() > small.text(), "in fixed-length fields"
                + " text loses: " + small.perValue(small.fixedText()) + " bytes a value against " + small.perValue(small.fixed64())
                + " (binary) and " + small.perValue(small.text()) + " (text, delimited)");
    }
}
