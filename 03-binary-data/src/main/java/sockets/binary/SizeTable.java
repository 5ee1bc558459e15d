package sockets.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The HOWTO's claim that "the ASCII representation of binary data is frequently smaller than the binary
 * representation", measured: the same values encoded as decimal text with a delimiter, as fixed-width
 * binary, and as varints, every figure the size of what was really encoded.
 */
public final class SizeTable {

    /** A distribution of values, and whether they are signed (varints then go through ZigZag). */
    public enum Distribution {
        MOSTLY_ZERO_AND_ONE("mostly 0 and 1 (60% 0, 30% 1, 10% 2..100)", false),
        UNIFORM_32("uniform 32-bit signed", true),
        UNIFORM_64("uniform 64-bit signed", true);

        private final String label;
        private final boolean signed;

        Distribution(String label, boolean signed) {
            this.label = label;
            this.signed = signed;
        }

        public String label() {
            return label;
        }

        public boolean signed() {
            return signed;
        }

        LongSupplier values(Random random) {
            return switch (this) {
                case MOSTLY_ZERO_AND_ONE -> () -> {
                    int roll = random.nextInt(10);
                    return roll < 6 ? 0 : roll < 9 ? 1 : 2 + random.nextInt(99);
                };
                case UNIFORM_32 -> random::nextInt;
                case UNIFORM_64 -> random::nextLong;
            };
        }
    }

    /**
     * Total bytes for {@code count} values, by encoding; {@code fixed32} is -1 where values do not fit.
     * {@code fixedText} is text in fixed-length fields, as a fixed-length message would need it.
     */
    public record Row(Distribution distribution, int count, long text, long fixedText, long fixed32, long fixed64,
                      long varint) {
        public double perValue(long total) {
            return (double) total / count;
        }
    }

    /** A fixed-length text field wide enough for any 64-bit value: a sign and 19 digits. */
    public static final int FIXED_TEXT_WIDTH = Long.toString(Long.MIN_VALUE).length();

    private SizeTable() {
    }

    /**
     * The HOWTO's "ASCII doesn't fit well with fixed-length messages", built: the decimal digits right-aligned
     * in a field of {@link #FIXED_TEXT_WIDTH} bytes, spaces before, so that every field has the same length
     * whatever the value. A 0 takes 20 bytes, as does the widest.
     */
    public static void writeFixedText(long value, ByteBuffer out) {
        byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        for (int i = digits.length; i < FIXED_TEXT_WIDTH; i++) {
            out.put((byte) ' ');
        }
        out.put(digits);
    }

    /** Reads one field {@link #writeFixedText} wrote. */
    public static long readFixedText(ByteBuffer in) {
        byte[] field = new byte[FIXED_TEXT_WIDTH];
        in.get(field);
        return Long.parseLong(new String(field, StandardCharsets.US_ASCII).strip());
    }

    public static List<Row> measure(int count, long seed) {
        List<Row> rows = new ArrayList<>();
        for (Distribution distribution : Distribution.values()) {
            rows.add(measure(distribution, count, seed));
        }
        return rows;
    }

    public static Row measure(Distribution distribution, int count, long seed) {
        LongSupplier values = distribution.values(new Random(seed));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteBuffer field = ByteBuffer.allocate(FIXED_TEXT_WIDTH); // one field at a time: counted, not kept
        long fixedText = 0;
        ByteBuffer fixed32 = ByteBuffer.allocate(4 * count);
        ByteBuffer fixed64 = ByteBuffer.allocate(8 * count);
        ByteArrayOutputStream varint = new ByteArrayOutputStream();
        boolean fits32 = distribution != Distribution.UNIFORM_64;
        for (int i = 0; i < count; i++) {
            long value = values.getAsLong();
            text.writeBytes((value + ",").getBytes(StandardCharsets.US_ASCII));
            writeFixedText(value, field.clear());
            fixedText += field.position();
            if (fits32) {
                fixed32.putInt((int) value);
            }
            fixed64.putLong(value);
            Varint.write(distribution.signed() ? Varint.zigzag(value) : value, varint);
        }
        return new Row(distribution, count, text.size(), fixedText, fits32 ? fixed32.position() : -1, fixed64.position(),
                varint.size());
    }

    /** The table as the {@code sizes} command and the README print it: average bytes per value. */
    public static String format(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-45s %10s %10s %10s %10s %10s%n", "bytes per value, " + rows.get(0).count() + " values",
                "text \"N,\"", "text, 20", "fixed 32", "fixed 64", "varint"));
        for (Row row : rows) {
            out.append(String.format("%-45s %10.2f %10.2f %10s %10.2f %10.2f%n", row.distribution().label(),
                    row.perValue(row.text()), row.perValue(row.fixedText()), row.fixed32() < 0 ? "-" : String.format("%.2f", row.perValue(row.fixed32())),
                    row.perValue(row.fixed64()), row.perValue(row.varint())));
        }
        return out.toString();
    }
}
