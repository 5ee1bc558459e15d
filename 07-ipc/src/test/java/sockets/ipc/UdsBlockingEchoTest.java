package sockets.ipc;

import java.nio.file.Path;
import sockets.blocking.EchoHandler;
import sockets.blocking.PeerLog;
import sockets.blocking.Threads;

/** Echo over UDS by chapter 01's EchoHandler, unchanged, one virtual thread per connection. */
class UdsBlockingEchoTest extends UdsEchoContract {
    @Override
    protected UdsServer newServer(Path path, PeerLog log) {
        return new UdsServer(path, Threads.VIRTUAL, new EchoHandler(), log);
    }
}
