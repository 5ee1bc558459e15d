/**
 * The lesson of chapter 07, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.ipc.UdsServer}, the accept loop and {@code serve} of
 * {@code BlockingUdsEchoServer}, then {@link sockets.ipc.SharedRing}'s producer, consumer and
 * {@code awaitChange} (about 450 lines). Then {@link sockets.ipc.SocketFile}, the ring's checks and
 * {@link sockets.ipc.CheckedMessage}, the messages the ring's commands send.
 */
package sockets.ipc;
