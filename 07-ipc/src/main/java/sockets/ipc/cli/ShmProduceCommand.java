package sockets.ipc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.common.CountConverter;
import sockets.framing.FrameWriter;
import sockets.ipc.CheckedMessage;
import sockets.ipc.SharedRing;

/**
 * {@code shm-produce}: the producer side of a shared-memory ring, as a process of its own. It writes
 * {@code --messages} self-checking messages (sequence number, CRC-32, payload) with chapter 02's length
 * framing into the ring mapped from {@code --file}, then closes its end.
 */
@Command(name = "shm-produce", mixinStandardHelpOptions = true,
        description = "Maps --file as a shared-memory ring and writes --messages framed, self-checking messages into"
                + " it (each: u64 sequence, u32 CRC-32 of the payload, payload), then marks the ring closed. It waits"
                + " whenever the ring is full: run shm-consume on the same file to read them. Start either side first,"
                + " on a new file; an existing file is used only if it is a ring of this --capacity.",
        footer = {"", "Example, in two terminals (or with &):",
            "  java -jar 07-ipc/target/07-ipc.jar shm-produce --file /tmp/ring --messages 100000",
            "  java -jar 07-ipc/target/07-ipc.jar shm-consume --file /tmp/ring"})
final class ShmProduceCommand implements Callable<Integer> {

    @Mixin
    RingOptions ring;

    @Option(names = "--messages", defaultValue = "1000", converter = CountConverter.class,
            description = "Messages to write (default: ${DEFAULT-VALUE}).")
    int messages;

    @Override
    public Integer call() throws Exception {
        try (SharedRing shared = SharedRing.map(ring.file, ring.capacity)) {
            // Said on stderr, so that stdout stays the program's own: without a reader the ring fills and this waits.
            System.err.printf("shm-produce: writing %,d messages into %s; when the %,d-byte ring is full it waits for"
                    + " a reader: shm-consume --file %s%n", messages, ring.file, ring.capacity, ring.file);
            var out = shared.producer();
            FrameWriter writer = new FrameWriter(out, SharedRing.FRAMING);
            for (long seq = 0; seq < messages; seq++) {
                writer.write(CheckedMessage.make(seq));
            }
            out.close();
        }
        return 0;
    }
}
