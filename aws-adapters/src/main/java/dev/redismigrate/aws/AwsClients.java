package dev.redismigrate.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS SDK client of the project is built: one shared url-connection HTTP client (no Apache, no Netty:
 * small and quick to start), explicit timeouts on every call, the region given rather than discovered. Build clients
 * once per container, in static fields of the handler or container main, so that a SnapStart snapshot holds them
 * ready:
 * <pre>
 * private static final AwsClients AWS = AwsClients.fromEnvironment(System.getenv());
 * private static final DynamoDbClient DYNAMO = AWS.build(DynamoDbClient.builder());
 * </pre>
 */
public final class AwsClients {
    /** Optional endpoint for every service (LocalStack, dynalite); unset in AWS. */
    public static final String ENDPOINT_ENV = "REDIS_MIGRATE_AWS_ENDPOINT";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<Region> region;
    private final Optional<URI> endpoint;
    private final Optional<AwsCredentialsProvider> credentials;
    private final SdkHttpClient http;

    private AwsClients(Optional<Region> region, Optional<URI> endpoint, Optional<AwsCredentialsProvider> credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /** Region from {@code AWS_REGION} (always set in Lambda and ECS), endpoint from {@value #ENDPOINT_ENV}. */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        return new AwsClients(
                Optional.ofNullable(env.get("AWS_REGION")).filter(r -> !r.isBlank()).map(Region::of),
                Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(e -> !e.isBlank()).map(URI::create),
                Optional.empty());
    }

    /** For tests and local tools: a fixed region, endpoint and credentials. */
    public static AwsClients of(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        return new AwsClients(Optional.of(region), Optional.of(endpoint), Optional.of(credentials));
    }

    public Optional<Region> region() {
        return region;
    }

    /** Applies the shared settings to a client builder and builds it, e.g. {@code build(SfnClient.builder())}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, http, CALL_TIMEOUT);
    }

    /**
     * For calls that may take long (a synchronous Lambda invoke waits for the function): its own HTTP client, whose
     * reads wait as long as the call may take.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildForLongCalls(B builder, Duration callTimeout) {
        return build(builder, UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(callTimeout).build(),
                callTimeout);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, SdkHttpClient httpClient,
                                                                                       Duration callTimeout) {
        builder.httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout).build());
        region.ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        credentials.ifPresent(builder::credentialsProvider);
        return builder.build();
    }
}
