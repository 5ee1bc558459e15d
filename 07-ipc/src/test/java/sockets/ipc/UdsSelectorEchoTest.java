package sockets.ipc;

import java.nio.file.Path;
import sockets.common.PeerLog;
import sockets.select.Protocol;

/** Echo over UDS by chapter 05's selector loop and echo protocol, unchanged. */
class UdsSelectorEchoTest extends UdsEchoContract {
    @Override
    protected UdsServer newServer(Path path, PeerLog log) {
        return new UdsServer(path, Protocol.ECHO, log);
    }
}
