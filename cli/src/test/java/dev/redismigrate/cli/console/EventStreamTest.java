package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamTest {
    private final EventStream events = new EventStream();

    @Test
    void aPageThatFellTooFarBehindGetsWhatItHeldAndThenItsStreamEndsSoItsBrowserReconnects() throws Exception {
        Page stalled = new Page();
        Thread serving = stalled.open(events);
        stalled.subscribed.await();

        for (int i = 0; i <= EventStream.QUEUE; i++) {
            events.publish("task", Map.of("n", i)); // the last one finds its queue full: dropped
        }
        stalled.unstall.countDown();

        serving.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(serving.isAlive()).as("the dropped page's stream ended").isFalse();
        assertThat(stalled.text()).contains("\"n\":" + (EventStream.QUEUE - 1)).doesNotContain("keep-alive");
    }

    @Test
    void beyondItsStreamsThePageIsAnswered503AndPollsWhileTheOthersStayLive() throws Exception {
        List<Thread> serving = new ArrayList<>();
        for (int i = 0; i < EventStream.MAX_STREAMS; i++) {
            Page page = new Page();
            page.unstall.countDown();
            serving.add(page.open(events));
            page.subscribed.await();
        }

        assertThatThrownBy(() -> events.serve(new Page().exchange))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

        events.close();
        for (Thread thread : serving) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).isFalse();
        }
    }

    /** One browser page's event stream: its output blocks until {@code unstall}, like a stalled connection. */
    private static final class Page {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch unstall = new CountDownLatch(1);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final HttpExchange exchange = new StreamExchange(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                subscribed.countDown(); // the first write comes after the queue is subscribed
                try {
                    unstall.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                synchronized (received) {
                    received.write(b, off, len);
                }
            }
        });

        Thread open(EventStream events) {
            Thread thread = new Thread(() -> {
                try {
                    events.serve(exchange);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "test-page");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** The exchange of {@code GET /api/events}, writing its response body to {@code body}. */
    private static final class StreamExchange extends HttpExchange {
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private final OutputStream body;
        private int status = -1;

        StreamExchange(OutputStream body) {
            this.body = body;
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/api/events");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream getResponseBody() {
            return body;
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
            status = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
