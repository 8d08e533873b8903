package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFilesTest {
    @TempDir
    Path stateDir;

    @Test
    void aTypedPasswordIsAnOwnerOnlyFileDeletedWhenDiscarded() throws Exception {
        PasswordFiles files = new PasswordFiles(stateDir.resolve("secrets"));

        SecretRef ref = files.referencesFor(form(new PasswordInput("s3cret", null), PasswordInput.ABSENT),
                new SecretRef.None()).source();

        Path file = ((SecretRef.FileRef) ref).path();
        assertThat(file).hasContent("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        files.discard(ref);
        assertThat(file).doesNotExist();
    }

    @Test
    void aReferenceThatLeavesTheDirectoryThroughDotDotIsTheUsersFileAndIsNeverDeleted() throws Exception {
        Path users = Files.writeString(stateDir.resolve("my-password"), "mine");
        PasswordFiles files = new PasswordFiles(stateDir.resolve("secrets"));
        // what `redis-migrate migrate --source-password file:...` may store, and the console discards at the end
        SecretRef throughSecrets = new SecretRef.FileRef(stateDir.resolve("secrets/../my-password"));

        assertThat(files.owns(throughSecrets)).isFalse();
        files.discard(throughSecrets);

        assertThat(users).hasContent("mine");
    }

    @Test
    void aFormMayNotNameTheConsolesOwnFilesHoweverThePathIsSpelt() {
        PasswordFiles files = new PasswordFiles(stateDir.resolve("secrets"));
        SecretRef spelt = new SecretRef.FileRef(stateDir.resolve("./secrets/./0123456789abcdef01234567"));

        assertThatThrownBy(() -> files.referencesFor(form(PasswordInput.ABSENT, new PasswordInput(null, spelt)), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void whenTheTargetsPasswordIsRefusedTheFileWrittenForTheSourcesIsDeleted() throws Exception {
        Path secrets = stateDir.resolve("secrets");
        PasswordFiles files = new PasswordFiles(secrets);
        SecretRef ours = new SecretRef.FileRef(secrets.resolve("0123456789abcdef01234567"));

        assertThatThrownBy(() -> files.referencesFor(form(new PasswordInput("s3cret", null),
                new PasswordInput(null, ours)), new SecretRef.None())).isInstanceOf(ApiException.class);

        try (Stream<Path> left = Files.list(secrets)) {
            assertThat(left).as("no password stays on disk for a refused form").isEmpty();
        }
    }

    private static TaskForm form(PasswordInput source, PasswordInput target) {
        RedisEndpoint endpoint = RedisUri.parse("redis://127.0.0.1:6379");
        return new TaskForm(null, null, endpoint, null, null, source, endpoint, null, null, target, Map.of(), false,
                false);
    }
}
