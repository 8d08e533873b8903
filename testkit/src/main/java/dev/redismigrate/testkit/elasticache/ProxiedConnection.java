package dev.redismigrate.testkit.elasticache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

/**
 * One client connection through the proxy: a thread filtering the client's commands into the server, a thread
 * copying the server's replies back. Either side closing closes both.
 */
final class ProxiedConnection {
    static final int BUFFER_BYTES = 256 * 1024;

    private final Socket client;
    private final Socket server;
    private final String sourceAddress;
    private final RequestFilter.Refusals refusals;
    private final Consumer<ProxiedConnection> onClose;

    ProxiedConnection(Socket client, Socket server, RequestFilter.Refusals refusals,
                      Consumer<ProxiedConnection> onClose) {
        this.client = client;
        this.server = server;
        this.sourceAddress = client.getInetAddress().getHostAddress();
        this.refusals = refusals;
        this.onClose = onClose;
    }

    String sourceAddress() {
        return sourceAddress;
    }

    void start() {
        String name = sourceAddress + ":" + client.getPort();
        daemon("proxy-requests-" + name, this::requests).start();
        daemon("proxy-replies-" + name, this::replies).start();
    }

    /** Drops the connection like a firewall: the client sees a reset, not an orderly close. */
    void reset() {
        try {
            client.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close();
    }

    void close() {
        closeQuietly(client);
        closeQuietly(server);
        onClose.accept(this);
    }

    private void requests() {
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            RequestFilter filter = new RequestFilter(out, refusals);
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                filter.filter(buffer, n);
            }
        } catch (IOException ignored) {
            // either side went away: close both below
        } finally {
            close();
        }
    }

    private void replies() {
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException ignored) {
            // either side went away: close both below
        } finally {
            close();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
