/**
 * The lesson of chapter 07, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.ipc.UdsServer}, the accept loop and {@code serve} of
 * {@code BlockingUdsEchoServer}, then {@link sockets.ipc.SharedRing}'s producer, consumer and
 * {@code awaitChange} (about 410 lines). Then {@link sockets.ipc.SocketFile} and the ring's checks.
 */
package sockets.ipc;
