package dev.redismigrate.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.endpoint.ProcessSecrets;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretRefusedException;
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
 * The cloud's only secret resolver: passwords referenced by the ARN of a Secrets Manager secret whose name starts with
 * the stack's prefix ({@value #PREFIX_ENV}, default {@value #DEFAULT_PREFIX}), and the in-process password of the
 * lock's migration user. Nothing else: an {@code env:} or {@code file:} reference would read the function's own
 * environment or files (its AWS credentials) and send them as AUTH to any server a caller names, so such references
 * are refused when a task is created ({@link #requireAccepted}) and cannot be resolved either.
 *
 * <p>A secret is either the bare password or a JSON object with a {@code password} field (the shape of the console's
 * "credentials" secrets). Values are cached for the life of the container, refreshed after {@link #TTL} so that a
 * rotation is picked up; a cache starts empty, so a SnapStart snapshot holds no secret.
 */
public final class SecretsManagerSecretResolver implements SecretResolver {
    /** The secret name prefix the stack's roles may read (set by the stack from its {@code secretPrefix}). */
    public static final String PREFIX_ENV = "REDIS_MIGRATE_SECRET_PREFIX";
    public static final String DEFAULT_PREFIX = "redis-migrate/";
    static final Duration TTL = Duration.ofMinutes(10);

    private record Cached(String value, Instant readAt) {
    }

    private final SecretsManagerClient client;
    private final String prefix;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecretResolver(SecretsManagerClient client, String prefix, Clock clock) {
        this.client = client;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** The prefix from {@value #PREFIX_ENV}, else {@value #DEFAULT_PREFIX}. */
    public static String prefixFrom(Map<String, String> env) {
        String configured = env.get(PREFIX_ENV);
        return configured == null || configured.isBlank() ? DEFAULT_PREFIX : configured;
    }

    @Override
    public void requireAccepted(SecretRef ref) {
        if (ref instanceof SecretRef.None) {
            return;
        }
        if (!(ref instanceof SecretRef.SecretsManager secret)) {
            throw new SecretRefusedException("the cloud reads passwords only from AWS Secrets Manager: give the ARN of a"
                    + " secret named " + prefix + "..., not " + kind(ref));
        }
        if (!secretName(secret.arn()).startsWith(prefix)) {
            throw new SecretRefusedException("secret " + secret.arn() + " is not named " + prefix + "...: the"
                    + " migration may read only the secrets of its stack; store the password in a secret under " + prefix);
        }
    }

    @Override
    public Optional<String> resolve(SecretRef ref) {
        if (ref instanceof SecretRef.None) {
            return Optional.empty();
        }
        if (ref instanceof SecretRef.ProcessOnly inProcess) {
            return Optional.of(ProcessSecrets.value(inProcess));
        }
        try {
            requireAccepted(ref);
        } catch (SecretRefusedException e) {
            throw new SecretUnavailableException(e.getMessage());
        }
        SecretRef.SecretsManager secret = (SecretRef.SecretsManager) ref;
        Instant now = clock.instant();
        Cached cached = cache.get(secret.arn());
        if (cached == null || cached.readAt().plus(TTL).isBefore(now)) {
            cached = new Cached(password(read(secret.arn()), secret.arn()), now);
            cache.put(secret.arn(), cached);
        }
        return Optional.of(cached.value());
    }

    /** {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-xxxxxx}: the part after "secret:". */
    private static String secretName(String arn) {
        String[] parts = arn.split(":", 7);
        return parts.length == 7 && "secretsmanager".equals(parts[2]) && "secret".equals(parts[5]) ? parts[6] : "";
    }

    /** What kind of reference it is, without its value (an env variable's name is harmless, a path too). */
    private static String kind(SecretRef ref) {
        if (ref instanceof SecretRef.EnvVar env) {
            return "an environment variable (env:" + env.name() + ")";
        }
        if (ref instanceof SecretRef.FileRef file) {
            return "a file (" + file.reference() + ")";
        }
        if (ref instanceof SecretRef.ProcessOnly) {
            return "a password given to one process";
        }
        return ref.reference();
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
