/**
 * The lesson of chapter 02, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.framing.Framing}, {@link sockets.framing.FrameDecoder},
 * {@link sockets.framing.LengthPrefixFraming} with {@code HeaderedDecoder}, {@link sockets.framing.LineFraming},
 * {@link sockets.framing.FrameReader}, {@link sockets.framing.FrameWriter}, {@link sockets.framing.FrameEchoHandler}
 * and {@link sockets.framing.MySocket} (about 520 lines). Then the other framings, the limits
 * ({@link sockets.framing.MemoryBudget}) and chapter 05's {@link sockets.framing.FrameSplitter} with {@code CountedFrame}.
 */
package sockets.framing;
