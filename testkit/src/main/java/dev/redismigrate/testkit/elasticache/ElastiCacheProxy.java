package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A RESP proxy on 127.0.0.1:&lt;free port&gt; in front of a real redis-server that behaves like an ElastiCache
 * primary endpoint: it refuses the commands ElastiCache refuses (with ElastiCache's error, in order among pipelined
 * replies), records each refusal, and can fence clients by source address like a security group. Tests tell clients
 * apart by binding them to different loopback addresses (see {@link dev.redismigrate.testkit.LoopbackClients}).
 */
public final class ElastiCacheProxy implements AutoCloseable {
    private static final int SOCKET_BUFFER_BYTES = 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
    private final List<RefusedCommand> refused = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    /** The source addresses let in, or null when everyone is. */
    private volatile Set<String> admitted;
    private volatile boolean closed;

    private ElastiCacheProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        listener.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), 0), 128);
        this.acceptor = new Thread(this::acceptLoop, "elasticache-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the server at {@code host:port}, listening at once. */
    public static ElastiCacheProxy start(String targetHost, int targetPort) {
        try {
            return new ElastiCacheProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy in front of " + targetHost + ":" + targetPort, e);
        }
    }

    public String host() {
        return LoopbackPorts.HOST;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every command refused so far, in order (name and source address, never arguments). */
    public List<RefusedCommand> refused() {
        return List.copyOf(refused);
    }

    /** The source addresses of the connections open now (one entry per connection). */
    public List<String> openConnectionSources() {
        return open.stream().map(ProxiedConnection::sourceAddress).sorted().toList();
    }

    /**
     * Lets in only these source addresses (e.g. {@code 127.0.0.1}): open connections from any other address are
     * dropped at once (reset) and new ones are reset as soon as they are accepted, like a security group that stops
     * admitting a client.
     */
    public void admitOnly(Set<String> sourceAddresses) {
        admitted = Set.copyOf(sourceAddresses);
        for (ProxiedConnection connection : open) {
            if (!admits(connection.sourceAddress())) {
                connection.reset();
            }
        }
    }

    /** Lifts {@link #admitOnly}: every source address is let in again. */
    public void admitAll() {
        admitted = null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(ProxiedConnection::close);
    }

    @Override
    public String toString() {
        return "ElastiCache proxy " + host() + ":" + port() + " -> " + targetHost + ":" + targetPort;
    }

    private boolean admits(String sourceAddress) {
        Set<String> allowed = admitted;
        return allowed == null || allowed.contains(sourceAddress);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            String source = client.getInetAddress().getHostAddress();
            if (!admits(source)) {
                drop(client);
                continue;
            }
            connect(client, source);
        }
    }

    private void connect(Socket client, String source) {
        Socket server = new Socket();
        try {
            tune(client);
            tune(server);
            server.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            drop(client); // the target is down: the client sees its connection fail
            ProxiedConnection.closeQuietly(server);
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(client, server,
                command -> refused.add(new RefusedCommand(command, source)), open::remove);
        open.add(connection);
        if (!admits(source)) {
            connection.reset(); // fenced while connecting
            return;
        }
        connection.start();
    }

    private static void tune(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
    }

    private static void drop(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // closing anyway
        }
        ProxiedConnection.closeQuietly(socket);
    }
}
