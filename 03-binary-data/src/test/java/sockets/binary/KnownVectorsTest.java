package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Byte vectors taken from the specifications (the HOWTO, Protocol Buffers' encoding guide, RFC 868), not from our encoder. */
class KnownVectorsTest {

    @Test
    void oneAsASixteenBitValueIs0001InNetworkOrderAnd0100LittleEndian() {
        assertArrayEquals(new byte[] {0x00, 0x01}, ByteBuffer.allocate(2).putShort((short) 1).array());
        assertArrayEquals(new byte[] {0x01, 0x00},
                ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).array());
    }

    @Test
    void htonlLaysAValueOutInNetworkOrderInThisMachinesMemory() {
        int network = NetworkOrder.htonl(0x01020304);
        byte[] inMemory = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(network).array();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, inMemory);
        assertEquals(0x01020304, NetworkOrder.ntohl(network));
        assertEquals((short) 0x0102, NetworkOrder.ntohs(NetworkOrder.htons((short) 0x0102)));
        byte[] narrow = ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort(NetworkOrder.htons((short) 0x0102))
                .array();
        assertArrayEquals(new byte[] {1, 2}, narrow, "htons: the 16-bit one, laid out too (a round trip alone would pass"
                + " an htons that returned its argument)");
        assertEquals(0x01020304, NetworkOrder.ntohl(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}).order(ByteOrder.nativeOrder())
                .getInt()), "ntohl reads network order out of this machine's memory");
        byte[] wide = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(NetworkOrder.htonll(0x0102030405060708L)).array();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, wide, "htonll: the 64-bit one");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 00", "1, 01", "127, 7f", "128, 80 01", "300, ac 02", "16384, 80 80 01",
        "-1, ff ff ff ff ff ff ff ff ff 01"})
    void varintsAreLittleEndianGroupsOfSevenBits(long value, String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(value, out);
        assertEquals(hex, Hex.of(out.toByteArray()));
        assertEquals(out.size(), Varint.size(value));
    }

    @ParameterizedTest(name = "zigzag({0}) = {1}")
    @CsvSource({"0, 0", "-1, 1", "1, 2", "-2, 3", "2147483647, 4294967294", "-2147483648, 4294967295"})
    void zigzagMapsSmallNegativeNumbersToSmallOnes(long signed, long encoded) {
        assertEquals(encoded, Varint.zigzag(signed));
        assertEquals(signed, Varint.unzigzag(encoded));
    }

    @Test
    void minusOneZigzagsToTheOneByteVarint01() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(Varint.zigzag(-1), out);
        assertEquals("01", Hex.of(out.toByteArray()));
    }

    /** RFC 868's own examples of the 32-bit count. */
    @ParameterizedTest(name = "{0} s = {1}")
    @CsvSource({"2208988800, 1970-01-01T00:00:00Z", "2398291200, 1976-01-01T00:00:00Z",
        "2524521600, 1980-01-01T00:00:00Z", "2629584000, 1983-05-01T00:00:00Z"})
    void rfc868sExamplesDecodeToTheirDates(long seconds, String date) throws Exception {
        byte[] bytes = ByteBuffer.allocate(4).putInt((int) seconds).array();
        assertEquals(Instant.parse(date), TimeProtocol.decode(bytes));
        assertArrayEquals(bytes, TimeProtocol.encode(Instant.parse(date)));
    }

    @Test
    void the1970EpochIsTheBytes83aa7e80() throws Exception {
        assertEquals("83 aa 7e 80", Hex.of(TimeProtocol.encode(Instant.EPOCH)));
    }
}
