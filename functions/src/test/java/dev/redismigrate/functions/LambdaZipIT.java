package dev.redismigrate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The artifact infra deploys ({@code target/functions.zip}, built at package): the handlers the stack names at the
 * root, ready for the runtime (a public no-argument constructor), the runtime dependencies under lib/, and neither a
 * test dependency nor an HTTP client other than url-connection.
 */
class LambdaZipIT {
    /** The handler classes infra's MigrationFunction table names, in package dev.redismigrate.functions. */
    static final List<String> HANDLERS = List.of("CreateTaskHandler", "ValidateHandler", "LockTargetHandler",
            "SetParametersHandler", "StartSyncHandler", "RestoreParametersHandler", "UnlockTargetHandler",
            "RecordOutcomeHandler", "SignalHandler", "JanitorHandler", "EditTaskHandler");

    private static final Path ZIP = Path.of("target/functions.zip");

    @Test
    void holdsTheHandlersAtTheRootAndTheRuntimeDependenciesUnderLib() throws Exception {
        List<String> entries = entries();
        for (String handler : HANDLERS) {
            assertThat(entries).contains("dev/redismigrate/functions/" + handler + ".class");
            Class<?> type = Class.forName("dev.redismigrate.functions." + handler);
            assertThat(RequestStreamHandler.class).isAssignableFrom(type);
            assertThat(type.getConstructor()).as("%s needs a public no-argument constructor", handler).isNotNull();
        }
        assertThat(entries).anyMatch(e -> e.matches("lib/core-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/aws-adapters-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/redis-io-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/url-connection-client-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/jedis-.*\\.jar"));
    }

    @Test
    void leavesOutTestDependenciesAndOtherHttpClients() throws Exception {
        assertThat(entries()).filteredOn(e -> e.startsWith("lib/"))
                .noneMatch(e -> e.contains("apache-client") || e.contains("apache5-client") || e.contains("netty"))
                .noneMatch(e -> e.contains("junit") || e.contains("testkit") || e.contains("testcontainers")
                        || e.contains("assertj"));
    }

    private static List<String> entries() throws IOException {
        assertThat(Files.isRegularFile(ZIP)).as("%s is built at package", ZIP.toAbsolutePath()).isTrue();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
