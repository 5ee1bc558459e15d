package sockets.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes a {@link Reading}, big-endian, fields in this order:
 * <pre>
 * +--------+----------+----------+----------+----------+---------------+
 * | sensor | sequence | micros   | value    | unit len | unit          |
 * | u16 BE | i32 BE   | i64 BE   | f64 BE   | u16 BE   | UTF-8 bytes   |
 * +--------+----------+----------+----------+----------+---------------+
 *   2 B      4 B        8 B        8 B        2 B        unit len bytes
 * </pre>
 * 24 bytes of fixed fields, then the text. The decoder refuses a short buffer, a text length over its
 * limit (before allocating), and text that is not valid UTF-8, each with its own typed error.
 */
public final class ReadingCodec {
    public static final int FIXED = 2 + 4 + 8 + 8 + 2;
    public static final int DEFAULT_MAX_UNIT = 256;

    private final int maxUnit;

    public ReadingCodec(int maxUnit) {
        this.maxUnit = maxUnit;
    }

    public byte[] encode(Reading reading) {
        byte[] unit = reading.unit().getBytes(StandardCharsets.UTF_8);
        if (unit.length > maxUnit) {
            throw new IllegalArgumentException("unit of " + unit.length + " bytes exceeds maximum " + maxUnit);
        }
        ByteBuffer out = ByteBuffer.allocate(FIXED + unit.length);
        Wire.writeU16(out, reading.sensor());
        out.putInt(reading.sequence());
        out.putLong(reading.micros());
        out.putDouble(reading.value());
        Wire.writeU16(out, unit.length);
        out.put(unit);
        return out.array();
    }

    public Reading decode(ByteBuffer in) throws BinaryFormatException {
        int sensor = Wire.readU16(in, "sensor");
        int sequence = Wire.readI32(in, "sequence");
        long micros = Wire.readI64(in, "micros");
        double value = Wire.readF64(in, "value");
        int unitLength = Wire.readU16(in, "unit length");
        if (unitLength > maxUnit) {
            throw new FieldTooLongException("unit", unitLength, maxUnit);
        }
        Wire.require(in, unitLength, "unit");
        ByteBuffer unitBytes = in.slice(in.position(), unitLength);
        in.position(in.position() + unitLength);
        String unit;
        try {
            unit = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(unitBytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFieldException("unit is not valid UTF-8: " + e.getMessage());
        }
        return new Reading(sensor, sequence, micros, value, unit);
    }
}
