package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HOWTO's "first character of the message is an indicator of message type, and the type determines
 * the length". A message is its type byte and that type's fixed number of payload bytes.
 * <pre>
 * +------+----------------------------+
 * | type | payload                    |
 * | 1 B  | length fixed by the type   |
 * +------+----------------------------+
 *
 * the default types:  'P' ping     0 bytes
 *                     'N' number   8 bytes (a 64-bit big-endian integer)
 *                     'T' text    32 bytes (padded by the sender)
 *                     'B' block 1024 bytes
 * </pre>
 * Two reads, as the HOWTO says: one for the type, then a loop for the rest. Messages are delivered and
 * encoded whole, type byte included.
 */
public final class TypedFraming extends BoundedFraming {
    public static final Map<Character, Integer> DEFAULT_TYPES = defaults();

    private final int[] lengths = new int[256];
    private final Map<Character, Integer> types;

    public TypedFraming(Map<Character, Integer> types) {
        super("typed", largest(types), Integer.MAX_VALUE - 8);
        java.util.Arrays.fill(lengths, -1);
        for (Map.Entry<Character, Integer> type : types.entrySet()) {
            lengths[type.getKey()] = type.getValue();
        }
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** The longest message the types allow, type byte included; refuses a type that is not one byte. */
    private static int largest(Map<Character, Integer> types) {
        long max = 0;
        for (Map.Entry<Character, Integer> type : types.entrySet()) {
            char c = type.getKey();
            if (c > 0xff || type.getValue() < 0) {
                throw new IllegalArgumentException("type " + c + " must be one byte with a length of 0 or more");
            }
            max = Math.max(max, 1L + type.getValue());
        }
        return (int) Math.min(max, Integer.MAX_VALUE - 8);
    }

    private static Map<Character, Integer> defaults() {
        Map<Character, Integer> types = new LinkedHashMap<>();
        types.put('P', 0);
        types.put('N', 8);
        types.put('T', 32);
        types.put('B', 1024);
        return Collections.unmodifiableMap(types);
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        return new HeaderedDecoder(1, true, payload) {
            @Override
            int payloadLength(byte[] header) throws FrameException {
                int length = lengths[header[0] & 0xff];
                if (length < 0) {
                    throw new CorruptFrameException("unknown message type " + CorruptFrameException.describe(header[0])
                            + "; known: " + known());
                }
                return length;
            }

            @Override
            String headerName() {
                return "type";
            }
        };
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        if (message.length == 0) {
            throw new IllegalArgumentException("a typed message starts with its type byte; known: " + known());
        }
        int length = lengths[message[0] & 0xff];
        if (length < 0) {
            throw new IllegalArgumentException("unknown message type " + CorruptFrameException.describe(message[0])
                    + "; known: " + known());
        }
        if (message.length != 1 + length) {
            throw new IllegalArgumentException("a type " + CorruptFrameException.describe(message[0]) + " message has "
                    + length + " payload bytes, not " + (message.length - 1));
        }
        out.write(message);
    }

    private String known() {
        return types.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
