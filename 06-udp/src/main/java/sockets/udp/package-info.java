/**
 * The lesson of chapter 06, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass: {@link sockets.udp.DatagramHandler}, {@link sockets.udp.Handlers}, {@link sockets.udp.UdpServer},
 * {@link sockets.udp.Datagrams}, {@link sockets.udp.UdpEchoClient}, {@link sockets.udp.ReliableClient},
 * {@link sockets.udp.ReliableServer} (about 410 lines). Then SNTP: {@link sockets.udp.NtpTimestamp},
 * {@link sockets.udp.SntpPacket}, {@link sockets.udp.SntpHandler}, {@link sockets.udp.SntpClient}; and last
 * the tests' tool, {@link sockets.udp.LossyRelay}.
 */
package sockets.udp;
