package sockets.blocking;

import java.util.concurrent.ThreadFactory;

/** Which kind of thread serves each connection: the HOWTO's "dispatch a thread" design, twice. */
public enum Threads {
    /** One operating-system thread per connection: about 1 MiB of stack reserved each. */
    PLATFORM,
    /** One virtual thread per connection: parked cheaply while it waits for the network (Java 21+). */
    VIRTUAL;

    public ThreadFactory factory(String namePrefix) {
        return switch (this) {
            case PLATFORM -> Thread.ofPlatform().name(namePrefix, 0).factory();
            case VIRTUAL -> Thread.ofVirtual().name(namePrefix, 0).factory();
        };
    }
}
