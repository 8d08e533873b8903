package dev.redismigrate.functions.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.functions.aws.RecordedHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerSecretResolverTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis/source-AbCdEf";
    private final RecordedHttpClient http = new RecordedHttpClient();
    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final SecretsManagerSecretResolver resolver = new SecretsManagerSecretResolver(
            http.client(SecretsManagerClient.builder()), new LocalSecretResolver(Map.of("SRC_PW", "from-env")), clock);

    @Test
    void readsAPlainSecretOnceAndCachesIt() {
        http.answer(200, "secretsmanager/get-secret-value-plain.json");
        assertThat(resolver.resolve(SecretRef.parse(ARN))).contains("pl@in-s3cret");
        assertThat(resolver.resolve(SecretRef.parse(ARN))).contains("pl@in-s3cret");
        assertThat(http.requests()).singleElement().satisfies(request -> assertThat(request.body()).contains("\"SecretId\":\"" + ARN + "\""));
    }

    @Test
    void readsAgainAfterTheCacheExpiresSoARotationIsSeen() {
        http.answer(200, "secretsmanager/get-secret-value-plain.json").answer(200, "secretsmanager/get-secret-value-json.json");
        resolver.resolve(SecretRef.parse(ARN));
        now = now.plus(SecretsManagerSecretResolver.TTL).plus(Duration.ofSeconds(1));
        assertThat(resolver.resolve(SecretRef.parse(ARN))).contains("js0n-s3cret");
        assertThat(http.requests()).hasSize(2);
    }

    @Test
    void takesThePasswordFieldOfAJsonSecret() {
        http.answer(200, "secretsmanager/get-secret-value-json.json");
        assertThat(resolver.resolve(SecretRef.parse(ARN))).contains("js0n-s3cret");
    }

    @Test
    void aMissingSecretNamesTheArnAndTheErrorCode() {
        http.answer(400, "secretsmanager/error-not-found.json");
        assertThatThrownBy(() -> resolver.resolve(SecretRef.parse(ARN)))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(ARN).hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void otherReferencesGoToTheFallbackWithoutCallingAws() {
        assertThat(resolver.resolve(SecretRef.parse("env:SRC_PW"))).contains("from-env");
        assertThat(resolver.resolve(SecretRef.parse("none"))).isEmpty();
        assertThat(http.requests()).isEmpty();
    }
}
