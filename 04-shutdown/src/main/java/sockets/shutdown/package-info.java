/**
 * The lesson of chapter 04, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.shutdown.DigestHandler}, {@link sockets.shutdown.DigestClient},
 * {@link sockets.shutdown.HeartbeatSession}, {@link sockets.shutdown.HeartbeatHandler} (about 350 lines).
 * Then {@link sockets.shutdown.FaultyRelay}, the tests' tool.
 */
package sockets.shutdown;
