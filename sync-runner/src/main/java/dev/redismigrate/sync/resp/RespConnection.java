package dev.redismigrate.sync.resp;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * A plain RESP2 connection: pipelined writes of byte-array commands, reads of replies. Used for the replication
 * link (which needs the raw socket stream after PSYNC) and for the target writer (which forwards the source's
 * commands verbatim, including commands this tool has never heard of). Not thread-safe, except that one thread may
 * write while another reads (the pipelined writer does exactly that).
 */
public final class RespConnection implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int BUFFER = 256 * 1024;
    /** ASCII forms of the small numbers every command header repeats. */
    private static final byte[][] NUMBERS = new byte[4096][];
    private static final String OK = "OK";

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String display;
    /** Reused by {@link #readLine()}: a connection has one reading thread, and most replies are {@code +OK}. */
    private final StringBuilder line = new StringBuilder(32);

    private RespConnection(Socket socket, String display) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        this.out = new UnsynchronizedBufferedOutputStream(socket.getOutputStream(), BUFFER);
        this.display = display;
    }

    /**
     * Connects and authenticates. {@code password} is the resolved secret; it is sent once and never kept.
     *
     * @throws RedisConnectException with a one-line reason that names the endpoint but no secret
     */
    public static RespConnection open(RedisEndpoint endpoint, Optional<String> password, Duration connectTimeout,
                                      Duration readTimeout) {
        Socket socket = null;
        try {
            socket = endpoint.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setReceiveBufferSize(1 << 20);
            socket.setSendBufferSize(1 << 20);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            RespConnection connection = new RespConnection(socket, endpoint.display());
            if (password.isPresent()) {
                Object reply = endpoint.username() == null
                        ? connection.call("AUTH", password.get())
                        : connection.call("AUTH", endpoint.username(), password.get());
                if (reply instanceof RespError error) {
                    connection.close();
                    throw new RedisConnectException(endpoint.display() + " refused the credentials: " + error.message());
                }
            }
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RedisConnectException("cannot connect to " + endpoint.display() + ": " + describe(e), e);
        }
    }

    public String display() {
        return display;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Sends one command and reads its reply. */
    public Object call(String... args) throws IOException {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        send(bytes);
        flush();
        return readReply();
    }

    /** Like {@link #call(String...)}, but an error reply becomes an {@link ErrorReplyException}. */
    public Object callOk(String... args) throws IOException {
        Object reply = call(args);
        if (reply instanceof RespError error) {
            throw new ErrorReplyException(display + " answered " + args[0] + " with " + error.message(), error);
        }
        return reply;
    }

    /** Buffers one command; nothing is sent before {@link #flush()} (or a full buffer). */
    public void send(byte[]... args) throws IOException {
        out.write('*');
        writeNumber(args.length);
        out.write(CRLF);
        for (byte[] arg : args) {
            out.write('$');
            writeNumber(arg.length);
            out.write(CRLF);
            out.write(arg);
            out.write(CRLF);
        }
    }

    /** Bytes that already are RESP (e.g. an ACK built elsewhere). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /**
     * One reply: {@code String} (simple), {@link RespError}, {@code Long}, {@code byte[]} (bulk), {@code List<Object>}
     * (array) or {@code null} (nil bulk or nil array).
     */
    public Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException(display + " closed the connection");
        }
        switch (type) {
            case '+':
                return readLine();
            case '-':
                return new RespError(readLine());
            case ':':
                return Long.parseLong(readLine());
            case '$': {
                int len = Integer.parseInt(readLine());
                return len < 0 ? null : readBulkBody(len);
            }
            case '*': {
                int len = Integer.parseInt(readLine());
                if (len < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(len);
                for (int i = 0; i < len; i++) {
                    items.add(readReply());
                }
                return items;
            }
            default:
                throw new IOException(display + " sent an unexpected reply type '" + (char) type + "'");
        }
    }

    /** A CRLF-terminated line without the CRLF (the PSYNC reply, a bulk header). */
    public String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(display + " closed the connection");
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new IOException(display + " sent a malformed line");
                }
                return isOk(line) ? OK : line.toString();
            }
            line.append((char) b);
        }
    }

    private static boolean isOk(CharSequence line) {
        return line.length() == 2 && line.charAt(0) == 'O' && line.charAt(1) == 'K';
    }

    /** The raw input after the handshake (the replication stream reads it directly). */
    public InputStream input() {
        return in;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private byte[] readBulkBody(int len) throws IOException {
        byte[] data = in.readNBytes(len);
        if (data.length < len || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException(display + " closed the connection inside a reply");
        }
        return data;
    }

    private void writeNumber(int n) throws IOException {
        if (n >= 0 && n < NUMBERS.length) {
            out.write(NUMBERS[n]);
        } else {
            out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The exception's type and message only: socket messages never carry secrets. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** {@link #describe} on one line, for a log line, an event or a message. */
    public static String oneLine(Throwable e) {
        return describe(e).replaceAll("[\\r\\n]+", " ");
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
