package dev.redismigrate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1 for the servers tests start (redis-server, dynalite, bridges). */
public final class LoopbackPorts {
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that was free a moment ago; the caller binds it at once. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
