package dev.redismigrate.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * An SDK HTTP client that answers with recorded responses (files under {@code src/test/resources/aws/}) and keeps the
 * requests, so an adapter's request and its handling of the service's real response shapes are tested without AWS.
 */
public final class RecordedHttpClient implements SdkHttpClient {
    /** What the adapter sent. */
    public record Request(String method, URI uri, String body) {
    }

    /** status 0: no answer at all, the connection breaks. */
    private record Response(int status, String contentType, String body) {
    }

    private final Deque<Response> responses = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    /** Queues the next answer: a resource under {@code aws/}, with the HTTP status the service used. */
    public RecordedHttpClient answer(int status, String resource) {
        String contentType = resource.endsWith(".xml") ? "text/xml" : "application/x-amz-json-1.1";
        responses.add(new Response(status, contentType, read("/aws/" + resource)));
        return this;
    }

    /** Queues a call that gets no answer: the connection breaks, as on a network failure. */
    public RecordedHttpClient breakConnection() {
        responses.add(new Response(0, null, null));
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    /** A client of the given service that talks only to this recorder (one attempt, no retries). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(this)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                .build();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(p -> readAll(p.newStream())).orElse("");
        requests.add(new Request(request.httpRequest().method().name(), request.httpRequest().getUri(), body));
        Response response = responses.poll();
        if (response == null) {
            throw new IllegalStateException("no recorded response left for " + request.httpRequest().getUri());
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (response.status() == 0) {
                    throw new IOException("Connection reset (recorded)");
                }
                byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(response.status())
                                .putHeader("Content-Type", response.contentType())
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "recorded").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }

    private static String read(String resource) {
        try (InputStream in = RecordedHttpClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
