/**
 * The lesson of chapter 01, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.blocking.ConnectionHandler}, {@link sockets.blocking.EchoHandler},
 * {@link sockets.blocking.Threads}, then {@link sockets.blocking.ThreadPerConnectionServer} from its class
 * comment through {@code acceptLoop} and {@code acceptOne}, {@code serve} and {@code close}, then
 * {@link sockets.blocking.EchoClient} and {@link sockets.blocking.Clients} (about 420 lines). Second pass:
 * {@link sockets.blocking.HttpGet}, {@link sockets.blocking.Relay}, {@link sockets.blocking.ProcessPerConnection},
 * and the server's limit and stop (about 450 lines).
 */
package sockets.blocking;
