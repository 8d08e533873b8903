package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFilesTest {
    @TempDir
    Path stateDir;

    @Test
    void aTypedPasswordIsAnOwnerOnlyFileDeletedWhenDiscarded() throws Exception {
        PasswordFiles files = new PasswordFiles(stateDir.resolve("secrets"));

        SecretRef ref = files.referenceFor(new PasswordInput("s3cret", null), new SecretRef.None());

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

        assertThatThrownBy(() -> files.referenceFor(new PasswordInput(null, spelt), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
