package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.task.MigrationTask;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The passwords of a stored task, for a command that runs it ({@code start}, {@code resume}): a password typed into a URI was never
 * stored, so it is given again from a file or from the REDIS_MIGRATE_*_PASSWORD variables.
 */
final class StoredPasswordOptions {
    @Option(names = "--source-password-file", paramLabel = "FILE", description = "Read the source password from FILE.")
    private Path sourcePasswordFile;

    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from FILE.")
    private Path targetPasswordFile;

    /** Resolves the task's stored references, with the ones given here in their place. */
    SecretResolver resolverFor(MigrationTask task) {
        Map<SecretRef, SecretRef> replacements = new HashMap<>();
        ReplacedSecrets.replace(replacements, task.source().endpoint().password(), sourcePasswordFile,
                EndpointOptions.SOURCE_PASSWORD_ENV);
        ReplacedSecrets.replace(replacements, task.target().endpoint().password(), targetPasswordFile,
                EndpointOptions.TARGET_PASSWORD_ENV);
        return new ReplacedSecrets(new LocalSecretResolver(), replacements);
    }
}
