package sockets.select;

/** The same frame server contract, on N selector threads, one per core, new connections dealt out among them. */
class MultiLoopSelectFrameServerTest extends SelectFrameServerTest {
    @Override
    int loops() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
