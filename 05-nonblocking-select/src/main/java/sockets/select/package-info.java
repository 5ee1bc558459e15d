/**
 * The lesson of chapter 05, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.select.Protocol}, then {@link sockets.select.SelectorServer}'s class comment,
 * fields, {@code Loop.run} and {@code turn}, {@code accept}, {@code register}, and its {@code Connection} from
 * {@code write} through {@code flush}, {@code updateInterest} and {@code close}; then {@link sockets.select.FramingProtocol}
 * (about 530 lines). Skip on a first read: the limits, the stop and drain, the hand-over between loops, and
 * {@link sockets.select.LoadGenerator}.
 */
package sockets.select;
