package dev.redismigrate.redisio.probe;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.validation.Reachability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The first contact with a port, before any Redis client is involved: resolve, connect (TLS for rediss://), send an
 * unauthenticated PING and look at the first line that comes back. This tells a refused port from a silent one, an
 * HTTP or SSH server from a Redis, and a Redis that wants a password from one that does not, each within the
 * configured timeouts, so that nothing can hang on a port that never speaks Redis.
 */
final class PortGreeting {
    /** What the port said; {@code reachability} is REACHABLE when it answered as a Redis that lets us talk. */
    record Outcome(Reachability reachability, String problem, boolean passwordRequired) {
    }

    // The empty line ends the "request" for an HTTP server (so it answers at once); Redis ignores empty lines.
    private static final byte[] PING = "PING\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 256;

    private PortGreeting() {
    }

    static Outcome greet(RedisEndpoint endpoint, ProbeSettings settings) {
        String where = endpoint.host() + ":" + endpoint.port();
        InetAddress address;
        try {
            address = resolve(endpoint.host(), settings);
        } catch (UnknownHostException e) {
            return new Outcome(Reachability.DNS, "the host name '" + endpoint.host() + "' does not resolve", false);
        } catch (TimeoutException e) {
            return new Outcome(Reachability.DNS, "resolving '" + endpoint.host() + "' took longer than "
                    + seconds(settings.connectMillis()), false);
        }
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(address, endpoint.port()), settings.connectMillis());
            } catch (ConnectException e) {
                return new Outcome(Reachability.REFUSED, "connection to " + where + " was refused", false);
            } catch (SocketTimeoutException e) {
                return new Outcome(Reachability.TIMEOUT, "no connection to " + where + " within "
                        + seconds(settings.connectMillis()), false);
            } catch (NoRouteToHostException e) {
                return new Outcome(Reachability.UNREACHABLE, "no route to " + where, false);
            }
            plain.setSoTimeout(settings.readMillis());
            Socket socket = plain;
            if (endpoint.tls()) {
                try {
                    socket = handshake(plain, endpoint);
                } catch (SocketTimeoutException e) {
                    // The TCP connection stands, so the network is fine: a port without TLS just waits for a
                    // line end that the TLS greeting never sends.
                    return new Outcome(Reachability.TLS, where + " accepted the connection but did not answer the TLS"
                            + " handshake within " + seconds(settings.readMillis()) + " (a port without TLS does that)",
                            false);
                } catch (IOException e) {
                    return new Outcome(Reachability.TLS, "the TLS handshake with " + where + " failed ("
                            + oneLine(e.getMessage()) + ")", false);
                }
            }
            socket.getOutputStream().write(PING);
            socket.getOutputStream().flush();
            String line;
            try {
                line = firstLine(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                return new Outcome(Reachability.TIMEOUT, where + " accepted the connection but did not answer PING within "
                        + seconds(settings.readMillis()), false);
            }
            return judge(line, where, endpoint.tls());
        } catch (IOException e) {
            return new Outcome(Reachability.UNREACHABLE, "talking to " + where + " failed: " + oneLine(e.getMessage()), false);
        }
    }

    private static Outcome judge(String line, String where, boolean tls) {
        if (line.isEmpty()) {
            return new Outcome(Reachability.NOT_REDIS, where + " closed the connection without answering"
                    + (tls ? "" : " (a port that only speaks TLS does that: try rediss://)"), false);
        }
        if (line.startsWith("+") || line.startsWith("-LOADING") || line.startsWith(":") || line.startsWith("$")
                || line.startsWith("*")) {
            return new Outcome(Reachability.REACHABLE, null, false);
        }
        if (line.startsWith("-NOAUTH") || line.startsWith("-ERR operation not permitted")) {
            return new Outcome(Reachability.REACHABLE, null, true);
        }
        if (line.startsWith("-DENIED") || line.startsWith("-ERR max number of clients")) {
            return new Outcome(Reachability.REJECTED, where + " answered '" + printable(line.substring(1)) + "'", false);
        }
        if (line.startsWith("-")) {
            // A Redis that cannot PING right now (e.g. BUSY running a script): the client steps will tell more.
            return new Outcome(Reachability.REACHABLE, null, false);
        }
        if (line.startsWith("HTTP/")) {
            return new Outcome(Reachability.NOT_REDIS, where + " answers HTTP ('" + printable(line) + "'), not Redis", false);
        }
        if (line.startsWith("SSH-")) {
            return new Outcome(Reachability.NOT_REDIS, where + " is an SSH server ('" + printable(line) + "'), not Redis", false);
        }
        return new Outcome(Reachability.NOT_REDIS, where + " answered '" + printable(line)
                + "', which is not the Redis protocol", false);
    }

    private static InetAddress resolve(String host, ProbeSettings settings) throws UnknownHostException, TimeoutException {
        // The JVM's resolver has no timeout of its own; a broken DNS server must not stall validation.
        CompletableFuture<InetAddress> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            return lookup.get(settings.connectMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    private static SSLSocket handshake(Socket plain, RedisEndpoint endpoint) throws IOException {
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, endpoint.host(), endpoint.port(), true);
        tls.startHandshake();
        return tls;
    }

    /** Bytes up to the first line end (or EOF, or {@value #MAX_LINE} bytes), without the line end. */
    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() < MAX_LINE) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                if (line.size() > 0) {
                    break;
                }
                throw e;
            } catch (IOException e) {
                // A reset right after connecting: the peer closed on us, like an EOF.
                break;
            }
            if (b < 0 || b == '\n') {
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    static String oneLine(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s+", " ").strip();
    }

    private static String seconds(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
