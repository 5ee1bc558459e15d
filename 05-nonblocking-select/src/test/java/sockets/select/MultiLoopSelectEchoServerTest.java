package sockets.select;

/** The same echo contract, on N selector threads, one per core, new connections dealt out among them. */
class MultiLoopSelectEchoServerTest extends SelectEchoServerTest {
    @Override
    int loops() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
