package sockets.binary;

import java.util.HexFormat;

/** Bytes as the chapter prints them: two hex digits each, space-separated ({@code 00 01}). */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    public static byte[] parse(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
