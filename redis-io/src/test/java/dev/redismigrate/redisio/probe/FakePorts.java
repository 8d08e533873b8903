package dev.redismigrate.redisio.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** Loopback ports that are not Redis: HTTP, an SSH banner, a port that never answers, a closed port. */
final class FakePorts implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    int http() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            server.start();
            open.add(() -> server.stop(0));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an SSH banner to every connection, then waits for the client to go away. */
    int ssh() {
        return serve(socket -> {
            socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().readAllBytes();
        });
    }

    /** Accepts connections and never writes a byte. */
    int silent() {
        return serve(socket -> socket.getInputStream().readAllBytes());
    }

    /** A port nothing listens on (bound once, then closed). */
    static int closed() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Conversation {
        void talk(Socket socket) throws IOException;
    }

    private int serve(Conversation conversation) {
        try {
            ServerSocket server = new ServerSocket(0, 10, LOOPBACK);
            open.add(server);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        open.add(socket);
                        Thread talker = new Thread(() -> {
                            try (socket) {
                                conversation.talk(socket);
                            } catch (IOException ignored) {
                                // the client hung up
                            }
                        });
                        talker.setDaemon(true);
                        talker.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-port-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
