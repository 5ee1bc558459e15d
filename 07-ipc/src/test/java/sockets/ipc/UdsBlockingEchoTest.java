package sockets.ipc;

import java.nio.file.Path;
import sockets.blocking.Threads;
import sockets.common.PeerLog;

/** Echo over UDS by this chapter's blocking loop, one virtual thread per connection. */
class UdsBlockingEchoTest extends UdsEchoContract {
    @Override
    protected UdsServer newServer(Path path, PeerLog log) {
        return new UdsServer(path, Threads.VIRTUAL, log);
    }
}
