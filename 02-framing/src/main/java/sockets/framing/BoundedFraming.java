package sockets.framing;

/**
 * What every framing of this chapter shares: a name, a maximum payload, and a decoder that is handed what
 * holds its payload while the bytes arrive (a {@link PartialFrame}, which keeps them within the budget).
 */
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

    @Override
    public final FrameDecoder newDecoder(MemoryBudget budget) {
        return newDecoder(new PartialFrame(budget));
    }

    /** A decoder for one stream that puts each payload's bytes into {@code payload} as they arrive. */
    abstract FrameDecoder newDecoder(PartialFrame payload);
}
