package sockets.blocking;

/** The echo contract on one platform thread per connection: 200 clients at once. */
class PlatformThreadEchoServerTest extends ThreadEchoServerTest {
    PlatformThreadEchoServerTest() {
        super(Threads.PLATFORM, 200);
    }
}
