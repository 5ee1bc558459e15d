/**
 * The lesson of chapter 03, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.binary.NetworkOrder}, {@link sockets.binary.Wire}, {@link sockets.binary.Varint},
 * {@link sockets.binary.TimeProtocol}, {@link sockets.binary.TimeHandler}, {@link sockets.binary.TimeClient},
 * then {@link sockets.binary.SizeTable} (about 425 lines). Then {@link sockets.binary.ReadingCodec}.
 */
package sockets.binary;
