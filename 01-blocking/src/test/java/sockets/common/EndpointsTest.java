package sockets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockets.common.Endpoints;
import sockets.common.HostPort;

/** The addresses the chapters print and parse: {@code listening on HOST:PORT} and {@code --to HOST:PORT}. */
class EndpointsTest {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
    })
    void ipv6IsPrintedInItsShortForm(String address, String expected) throws UnknownHostException {
        assertEquals(expected, Endpoints.ipv6((Inet6Address) InetAddress.getByName(address)));
    }

    @Test
    void ipv4AndIpv6EndpointsPrintAsHostColonPort() throws UnknownHostException {
        assertEquals("127.0.0.1:7007", Endpoints.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 7007)));
        assertEquals("[::1]:7007", Endpoints.format(new InetSocketAddress(InetAddress.getByName("::1"), 7007)));
    }

    @Test
    void hostPortParsesWhatFormatPrints() {
        assertEquals(new HostPort("127.0.0.1", 7007), HostPort.parse("127.0.0.1:7007"));
        assertEquals(new HostPort("::1", 80), HostPort.parse("[::1]:80"));
        assertEquals("[::1]:80", HostPort.parse("[::1]:80").toString());
    }

    @Test
    void hostPortRejectsWhatIsNotHostColonPort() {
        for (String bad : new String[] {"localhost", "localhost:", ":80", "::1:80", "host:70000", "host:x"}) {
            assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
        }
    }
}
