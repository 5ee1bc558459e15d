package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** Chapter 04's relay: chapter 01's, with a peer that goes silent and a connection aborted by RST. */
class FaultyRelayTest {
    private final List<Socket> opened = new ArrayList<>();
    private ThreadPerConnectionServer relay;

    @AfterEach
    void stopRelay() throws java.io.IOException {
        for (Socket socket : opened) {
            socket.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** Connects through a relay with {@code faults} to {@code target}, sends {@code message}: both ends. */
    private Socket[] sendThroughRelay(ServerSocket target, FaultyRelay.Faults faults, byte[] message) throws Exception {
        relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50, Threads.VIRTUAL,
                new FaultyRelay(new HostPort("127.0.0.1", target.getLocalPort()), faults, TestSockets.TIMEOUT_MS,
                        Threads.VIRTUAL), PeerLog.discard());
        InetSocketAddress address = relay.start();
        Socket client = TestSockets.connect(address);
        Socket served = target.accept();
        opened.add(client);
        opened.add(served);
        served.setSoTimeout(TestSockets.TIMEOUT_MS);
        client.getOutputStream().write(message);
        return new Socket[] {client, served};
    }

    /** After 10 bytes the relay goes silent: the 11th byte never arrives, and nothing is closed. */
    @Test
    void pauseAfterStopsForwardingWithoutClosingAnything() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback())) {
            Socket[] ends = sendThroughRelay(target, FaultyRelay.Faults.NONE.pausingAfter(10), TestSockets.randomBytes(6, 25));
            Socket served = ends[1];
            assertEquals(10, served.getInputStream().readNBytes(10).length, "the first 10 bytes pass");
            served.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, () -> served.getInputStream().read(),
                    "then silence: no more bytes, and no end of stream either");
            ends[0].setSoTimeout(300);
            served.getOutputStream().write(1);
            assertThrows(java.net.SocketTimeoutException.class, () -> ends[0].getInputStream().read(),
                    "nothing comes back the other way either");
        }
    }

    /** After 10 bytes the relay aborts both sides: each end's read fails with a reset, not end of stream. */
    @Test
    void resetAfterAbortsBothSidesWithAReset() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback())) {
            Socket[] ends = sendThroughRelay(target, FaultyRelay.Faults.NONE.resettingAfter(10), TestSockets.randomBytes(7, 25));
            Socket served = ends[1];
            assertEquals(10, served.getInputStream().readNBytes(10).length, "the first 10 bytes pass");
            java.net.SocketException far = assertThrows(java.net.SocketException.class,
                    () -> served.getInputStream().read());
            assertTrue(far.getMessage().contains("reset"), far.getMessage());
            java.net.SocketException near = assertThrows(java.net.SocketException.class,
                    () -> ends[0].getInputStream().read());
            assertTrue(near.getMessage().contains("reset"), near.getMessage());
        }
    }
}
