package sockets.framing;

/** A framing with a name and a configurable maximum payload. */
abstract class BoundedFraming implements Framing {
    private final String name;
    private final int maxFrame;

    BoundedFraming(String name, int maxFrame, int limit) {
        if (maxFrame < 0 || maxFrame > limit) {
            throw new IllegalArgumentException("maximum frame for " + name + " must be 0 to " + limit + ", not " + maxFrame);
        }
        this.name = name;
        this.maxFrame = maxFrame;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int maxFrame() {
        return maxFrame;
    }
}
