package sockets.framing.grading;

import java.util.List;
import sockets.common.grading.Target;
import sockets.framing.Framing;

/**
 * What chapter 02 grades, each target once, for one framing: the command line, {@code grade --list}, the reports
 * and the frame server contract (for three of the framings) read this list.
 */
public final class FrameTargets {
    private FrameTargets() {
    }

    /** Every target of the chapter, speaking {@code framing}. */
    public static List<Target> all(Framing framing) {
        return List.of(frameServer(framing), frameClient(framing));
    }

    /** A server that echoes each frame framed the same way, on a TCP port. */
    public static Target frameServer(Framing framing) {
        return Target.server("frame-server", given -> FrameChecks.all(framing, given.inet()))
                .withOptions("--framing " + framing.name());
    }

    /** A frame client, run once per check against servers the checks start. */
    public static Target frameClient(Framing framing) {
        return Target.client("frame-client", given -> FrameClientChecks.all(framing, given.client()))
                .withOptions("--framing " + framing.name());
    }
}
