package dev.redismigrate.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretRefusedException;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerSecretResolverTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis-migrate/source-AbCdEf";
    private static final String OTHER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-master-AbCdEf";
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
            http.client(SecretsManagerClient.builder()), "redis-migrate/", clock);

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
    void theFunctionsOwnEnvironmentAndFilesCannotBeRead() {
        for (String reference : new String[] {"env:AWS_SECRET_ACCESS_KEY", "env:AWS_SESSION_TOKEN", "file:/proc/self/environ"}) {
            SecretRef ref = SecretRef.parse(reference);
            assertThatThrownBy(() -> resolver.requireAccepted(ref)).isInstanceOf(SecretRefusedException.class)
                    .hasMessageContaining("only from AWS Secrets Manager");
            assertThatThrownBy(() -> resolver.resolve(ref)).isInstanceOf(SecretUnavailableException.class);
        }
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void aSecretOutsideTheStacksPrefixIsRefusedWithoutReadingIt() {
        assertThatThrownBy(() -> resolver.requireAccepted(SecretRef.parse(OTHER_ARN)))
                .isInstanceOf(SecretRefusedException.class).hasMessageContaining("redis-migrate/");
        assertThatThrownBy(() -> resolver.resolve(SecretRef.parse(OTHER_ARN))).isInstanceOf(SecretUnavailableException.class);
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void noPasswordAndTheLocksInProcessPasswordNeedNoAws() {
        assertThat(resolver.resolve(SecretRef.parse("none"))).isEmpty();
        assertThat(resolver.resolve(new SecretRef.ProcessOnly("migration-user-password"))).contains("migration-user-password");
        resolver.requireAccepted(SecretRef.parse("none"));
        resolver.requireAccepted(SecretRef.parse(ARN));
        assertThat(http.requests()).isEmpty();
    }
}
