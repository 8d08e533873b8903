package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EndpointOptionsTest {
    @Command(name = "holder")
    static final class Holder {
        @Mixin
        EndpointOptions endpoints;
    }

    @TempDir
    Path dir;

    @Test
    void passwordInTheUriStaysInTheProcessAndIsWarnedAbout() {
        EndpointOptions options = parse(Map.of(), "--source", "redis://u:pw1@h1:6379", "--target", "redis://h2:6380");
        SourceSpec source = options.sourceSpec();
        assertThat(source.endpoint().password()).isInstanceOfSatisfying(SecretRef.ProcessOnly.class,
                p -> assertThat(p.value()).isEqualTo("pw1"));
        assertThat(source.endpoint().username()).isEqualTo("u");
        assertThat(TaskJson.write(source)).doesNotContain("pw1").contains("\"process");
        assertThat(options.targetSpec().endpoint().password()).isInstanceOf(SecretRef.None.class);
        assertThat(options.warnings()).singleElement().asString().contains("--source").doesNotContain("pw1");
    }

    @Test
    void passwordsFromEnvironmentAreReferencedByName() {
        EndpointOptions options = parse(Map.of(EndpointOptions.SOURCE_PASSWORD_ENV, "a", EndpointOptions.TARGET_PASSWORD_ENV, "b"),
                "--source", "redis://h1", "--target", "rediss://h2:6380", "--target-instance-id", "redis-prod-1");
        assertThat(options.sourceSpec().endpoint().password()).isEqualTo(new SecretRef.EnvVar("REDIS_MIGRATE_SOURCE_PASSWORD"));
        TargetSpec target = options.targetSpec();
        assertThat(target.endpoint().password()).isEqualTo(new SecretRef.EnvVar("REDIS_MIGRATE_TARGET_PASSWORD"));
        assertThat(target.isCloudInstance()).isTrue();
        assertThat(target.endpoint().tls()).isTrue();
        assertThat(options.warnings()).isEmpty();
    }

    @Test
    void aPasswordFileWinsOverTheEnvironmentButNotOverTheUri() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "secret\n");
        EndpointOptions options = parse(Map.of(EndpointOptions.TARGET_PASSWORD_ENV, "b"),
                "--source", "redis://h1", "--target", "redis://h2", "--target-password-file", file.toString());
        assertThat(options.targetSpec().endpoint().password()).isEqualTo(new SecretRef.FileRef(file.toAbsolutePath()));

        EndpointOptions twice = parse(Map.of(), "--source", "redis://:x@h1", "--target", "redis://h2",
                "--source-password-file", file.toString());
        assertThatThrownBy(twice::sourceSpec).hasMessageContaining("given twice");

        EndpointOptions missing = parse(Map.of(), "--source", "redis://h1", "--target", "redis://h2",
                "--source-password-file", dir.resolve("nope").toString());
        assertThatThrownBy(missing::sourceSpec).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    private static EndpointOptions parse(Map<String, String> env, String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.endpoints.withEnvironment(env);
    }
}
