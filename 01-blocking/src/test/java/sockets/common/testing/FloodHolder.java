package sockets.common.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A second process for {@link ConnectionFlood}: one process may hold only so many descriptors (20,000 here),
 * so a flood of 20,000 connections opens part of them from here. Arguments: HOST PORT COUNT PAYLOAD-HEX (may
 * be empty). Opens COUNT non-blocking connects, completes those the kernel lets complete, sends the payload on
 * each, prints {@code connected N of COUNT}, and holds them until it is stopped (SIGTERM; at most 120 s), when
 * the kernel closes them all.
 */
public final class FloodHolder {
    private FloodHolder() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        byte[] each = args.length > 3 ? HexFormat.of().parseHex(args[3]) : new byte[0];
        int took = ConnectionFlood.connectAll(ConnectionFlood.startConnects(server, count, new ArrayList<>()), each);
        System.out.println("connected " + took + " of " + count);
        System.out.flush();
        new CountDownLatch(1).await(120, TimeUnit.SECONDS); // held until stopped: the test's SIGTERM ends it
    }
}
