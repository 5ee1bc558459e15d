package sockets.select;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * Netty 4.2's echo server, the way Netty's own example writes it: the benchmark's yardstick. On the NIO
 * transport (a Java {@code Selector}, as chapter 05's server) or, on Linux x86-64, on Netty's native epoll
 * transport (its own JNI code, no {@code Selector}).
 */
final class NettyEchoServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;

    NettyEchoServer(InetSocketAddress bind, int threads) throws InterruptedException {
        this(bind, threads, false);
    }

    NettyEchoServer(InetSocketAddress bind, int threads, boolean epoll) throws InterruptedException {
        IoHandlerFactory handler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        group = new MultiThreadIoEventLoopGroup(threads, handler);
        Echo echo = new Echo();
        listener = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(echo);
                    }
                })
                .bind(bind).sync().channel();
    }

    /**
     * Netty's echo server as a process of its own, for {@link ProcessEchoBench}: {@code PORT THREADS [nio|epoll]};
     * prints {@code listening on HOST:PORT} first, as every server of the course does, and serves until killed.
     * Where the native epoll transport cannot load (not Linux x86-64), says why in one line and exits with 1.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].matches("nio|epoll"))) {
            System.err.println("usage: NettyEchoServer PORT THREADS [nio|epoll]");
            System.exit(2);
        }
        boolean epoll = args.length == 3 && args[2].equals("epoll");
        if (epoll && !Epoll.isAvailable()) {
            System.err.println("Netty's native epoll transport is not available here: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        NettyEchoServer server = new NettyEchoServer(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), Integer.parseInt(args[1]), epoll);
        InetSocketAddress bound = server.address();
        System.out.println("listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        System.out.flush();
        server.listener.closeFuture().sync();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() throws InterruptedException {
        listener.close().sync();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
