package dev.redismigrate.functions.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.store.TaskJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads passwords referenced by a Secrets Manager ARN; any other reference goes to {@code fallback} (in Lambda and
 * ECS: environment variables). A secret is either the bare password or a JSON object with a {@code password} field
 * (the shape of the console's "credentials" secrets). Values are cached for the life of the container, refreshed
 * after {@link #TTL} so that a rotation is picked up; a cache starts empty, so a SnapStart snapshot holds no secret.
 */
public final class SecretsManagerSecretResolver implements SecretResolver {
    static final Duration TTL = Duration.ofMinutes(10);

    private record Cached(String value, Instant readAt) {
    }

    private final SecretsManagerClient client;
    private final SecretResolver fallback;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecretResolver(SecretsManagerClient client, SecretResolver fallback, Clock clock) {
        this.client = client;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public Optional<String> resolve(SecretRef ref) {
        if (!(ref instanceof SecretRef.SecretsManager secret)) {
            return fallback.resolve(ref);
        }
        Instant now = clock.instant();
        Cached cached = cache.get(secret.arn());
        if (cached == null || cached.readAt().plus(TTL).isBefore(now)) {
            cached = new Cached(password(read(secret.arn()), secret.arn()), now);
            cache.put(secret.arn(), cached);
        }
        return Optional.of(cached.value());
    }

    private GetSecretValueResponse read(String arn) {
        try {
            return client.getSecretValue(r -> r.secretId(arn));
        } catch (SecretsManagerException e) {
            throw new SecretUnavailableException("cannot read secret " + arn + ": "
                    + e.awsErrorDetails().errorCode() + " (check the ARN and the role's secretsmanager:GetSecretValue permission)");
        } catch (SdkException e) {
            throw new SecretUnavailableException("cannot reach Secrets Manager for " + arn + ": " + e.getClass().getSimpleName());
        }
    }

    private static String password(GetSecretValueResponse response, String arn) {
        String text = response.secretString();
        if (text == null) {
            throw new SecretUnavailableException("secret " + arn + " is binary; store the password as a string");
        }
        if (!text.stripLeading().startsWith("{")) {
            return text;
        }
        try {
            JsonNode password = TaskJson.mapper().readTree(text).get("password");
            if (password == null || !password.isTextual()) {
                throw new SecretUnavailableException("secret " + arn + " is a JSON object without a \"password\" string field");
            }
            return password.asText();
        } catch (IOException e) {
            // Not JSON after all: a password that happens to start with '{'.
            return text;
        }
    }
}
