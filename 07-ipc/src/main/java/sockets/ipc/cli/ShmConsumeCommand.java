package sockets.ipc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sockets.common.CommandFailedException;
import sockets.framing.FrameReader;
import sockets.ipc.CheckedMessage;
import sockets.ipc.SharedRing;

/**
 * {@code shm-consume}: the consumer side of {@code shm-produce}'s ring, as a process of its own. It reads
 * the framed messages until the producer closes its end, checks each one's sequence number and CRC-32,
 * and says how many arrived, in order and intact.
 */
@Command(name = "shm-consume", mixinStandardHelpOptions = true,
        description = "Maps --file as a shared-memory ring and reads shm-produce's messages until it closes its end,"
                + " checking each one's sequence number and CRC-32; prints how many arrived. Start either side first,"
                + " on a new file; an existing file is used only if it is a ring of this --capacity.",
        footer = {"", "Example, in two terminals (or with &):",
            "  java -jar 07-ipc/target/07-ipc.jar shm-produce --file /tmp/ring --messages 100000",
            "  java -jar 07-ipc/target/07-ipc.jar shm-consume --file /tmp/ring"})
final class ShmConsumeCommand implements Callable<Integer> {

    @Mixin
    RingOptions ring;

    @Override
    public Integer call() throws Exception {
        long count = 0;
        long larger = 0;
        try (SharedRing shared = SharedRing.map(ring.file, ring.capacity)) {
            FrameReader reader = new FrameReader(shared.consumer(), SharedRing.FRAMING.newDecoder());
            for (byte[] message = reader.read(); message != null; message = reader.read()) {
                java.util.Optional<String> fault = CheckedMessage.fault(message, count);
                if (fault.isPresent()) {
                    throw new CommandFailedException(fault.get());
                }
                larger += message.length > ring.capacity ? 1 : 0;
                count++;
            }
        }
        System.out.printf("received %,d messages, in order and intact (%,d of them larger than the %,d-byte ring)%n",
                count, larger, ring.capacity);
        return 0;
    }
}
