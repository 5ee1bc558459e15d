package sockets.binary;

import java.nio.ByteOrder;

/**
 * The C socket library's byte-order calls, in Java: {@code htons}, {@code htonl} ("host to network,
 * short/long") and back. A Java {@code int} has no byte order, only its bytes in memory or on the wire
 * do, so these return the value whose bytes, laid out in this machine's order, are the network-order
 * bytes of the argument. On a big-endian machine they change nothing; on a little-endian one (x86, most
 * ARM) they swap. Java code rarely needs them: {@code ByteBuffer} and {@code DataOutputStream} write
 * big-endian, network order, whatever the machine.
 */
public final class NetworkOrder {
    public static final boolean HOST_IS_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private NetworkOrder() {
    }

    public static short htons(short host) {
        return HOST_IS_BIG_ENDIAN ? host : Short.reverseBytes(host);
    }

    public static short ntohs(short network) {
        return htons(network); // a swap undoes itself
    }

    public static int htonl(int host) {
        return HOST_IS_BIG_ENDIAN ? host : Integer.reverseBytes(host);
    }

    public static int ntohl(int network) {
        return htonl(network);
    }

    /** The 64-bit one the C library never had in POSIX ({@code htobe64} on Linux). */
    public static long htonll(long host) {
        return HOST_IS_BIG_ENDIAN ? host : Long.reverseBytes(host);
    }
}
