package sockets.blocking;

/** The echo contract on one virtual thread per connection: 1,000 clients at once. */
class VirtualThreadEchoServerTest extends ThreadEchoServerTest {
    VirtualThreadEchoServerTest() {
        super(Threads.VIRTUAL, 1_000);
    }
}
