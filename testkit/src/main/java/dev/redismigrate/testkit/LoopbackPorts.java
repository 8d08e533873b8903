package dev.redismigrate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/** Free TCP ports on 127.0.0.1 for the servers tests start (redis-server, dynalite, bridges). */
public final class LoopbackPorts {
    public static final String HOST = "127.0.0.1";
    /** A cluster node listens on its port and, for the cluster bus, on that port + 10000 (fixed before Redis 7.0). */
    public static final int CLUSTER_BUS_OFFSET = 10000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LINUX_EPHEMERAL_LOW = 32768; // the kernel's default, and below other systems' ranges
    private static final int LOWEST_UNPRIVILEGED = 1024;
    private static final int HIGHEST_CLUSTER_PORT = 65535 - CLUSTER_BUS_OFFSET; // redis-server refuses a higher port
    private static final int CANDIDATES = 200;

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

    /**
     * A port free together with its cluster bus port ({@link #CLUSTER_BUS_OFFSET} higher), for a cluster node.
     * {@link #free()} would check the one port only, and it takes ports from the kernel's ephemeral range, where
     * the bus port may be handed to any outgoing connection or any other test's server between this check and the
     * node's bind. Both ports are therefore taken below that range: only a server binding that very port (another
     * cluster node picked at the same moment, hence the random candidates) can still take one.
     */
    public static int freeForClusterNode() {
        int highest = Math.min(ephemeralLow() - 1 - CLUSTER_BUS_OFFSET, HIGHEST_CLUSTER_PORT);
        if (highest < LOWEST_UNPRIVILEGED) { // an ephemeral range starting this low leaves no room: check both alone
            highest = HIGHEST_CLUSTER_PORT;
        }
        int top = highest;
        return freeForClusterNode(() -> ThreadLocalRandom.current().nextInt(LOWEST_UNPRIVILEGED, top + 1));
    }

    /** The first of up to {@value #CANDIDATES} candidates whose port and bus port can both be bound now. */
    static int freeForClusterNode(IntSupplier candidates) {
        for (int i = 0; i < CANDIDATES; i++) {
            int port = candidates.getAsInt();
            if (isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no port with a free cluster bus port (+" + CLUSTER_BUS_OFFSET + ") among "
                + CANDIDATES + " tried on " + HOST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands out to outgoing connections and to port 0 binds. */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return LINUX_EPHEMERAL_LOW; // not Linux: macOS and Windows start theirs at 49152
        }
    }
}
