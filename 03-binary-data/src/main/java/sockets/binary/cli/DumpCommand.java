package sockets.binary.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sockets.binary.Hex;
import sockets.binary.NetworkOrder;
import sockets.binary.Varint;

/** {@code dump VALUE}: the value's bytes in network (big-endian) and little-endian order, per type. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints VALUE's bytes in network order (big-endian) and little-endian, for each type it"
                + " fits (or just --type), and this machine's own order.")
final class DumpCommand implements Callable<Integer> {
    static final List<String> TYPES = List.of("u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64",
            "varint", "zigzag");

    @Parameters(paramLabel = "VALUE", description = "An integer (decimal, or 0x hex), or a decimal like 1.5, NaN, -0.0.")
    String value;

    @Option(names = "--type", paramLabel = "T", description = "One of: u8, i8, u16, i16, u32, i32, u64, i64, f32, f64,"
            + " varint, zigzag (default: every type VALUE fits).")
    String type;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (type != null && !TYPES.contains(type)) {
            throw new ParameterException(spec.commandLine(), "'" + type + "' is not a type (" + String.join(", ", TYPES) + ")");
        }
        System.out.println("this machine is " + (NetworkOrder.HOST_IS_BIG_ENDIAN ? "big" : "little")
                + "-endian (ByteOrder.nativeOrder() = " + ByteOrder.nativeOrder() + "); network order is big-endian");
        List<String> lines = new ArrayList<>();
        for (String t : type == null ? TYPES : List.of(type)) {
            byte[] bytes = encode(t);
            if (bytes != null) {
                lines.add(t.startsWith("varint") || t.equals("zigzag")
                        ? String.format("%-7s %-26s (one order only: least significant 7 bits first)", t, Hex.of(bytes))
                        : String.format("%-7s big-endian %-24s little-endian %s", t, Hex.of(bytes), Hex.of(reverse(bytes))));
            }
        }
        if (lines.isEmpty()) {
            throw new ParameterException(spec.commandLine(), integer() == null && decimal() == null
                    ? "'" + value + "' is not a number (a whole number such as 42, -7 or 0x2a, or a decimal such as 1.5)"
                    : "'" + value + "' does not fit " + (type == null ? "any type" : "a " + type));
        }
        lines.forEach(System.out::println);
        return 0;
    }

    /** VALUE as {@code type}, big-endian; null if it does not fit. */
    private byte[] encode(String t) {
        if (t.startsWith("f")) {
            Double d = decimal();
            if (d == null) {
                return null;
            }
            return t.equals("f32") ? ByteBuffer.allocate(4).putFloat(d.floatValue()).array()
                    : ByteBuffer.allocate(8).putDouble(d).array();
        }
        BigInteger n = integer();
        if (n == null) {
            return null;
        }
        if (t.equals("varint") || t.equals("zigzag")) {
            boolean zig = t.equals("zigzag");
            if (zig ? n.bitLength() > 63 : n.signum() < 0 || n.bitLength() > 64) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Varint.write(zig ? Varint.zigzag(n.longValue()) : n.longValue(), out);
            return out.toByteArray();
        }
        int bits = Integer.parseInt(t.substring(1));
        boolean unsigned = t.startsWith("u");
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            return null;
        }
        long v = n.longValue();
        ByteBuffer out = ByteBuffer.allocate(bits / 8);
        for (int i = bits / 8 - 1; i >= 0; i--) {
            out.put((byte) (v >>> (8 * i)));
        }
        return out.array();
    }

    private BigInteger integer() {
        String text = value.trim();
        try {
            boolean negative = text.startsWith("-");
            String digits = negative ? text.substring(1) : text;
            BigInteger n = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
            return negative ? n.negate() : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Double decimal() {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }
}
