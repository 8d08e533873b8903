package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A resolver that reads some stored references from somewhere else: a resumed task whose passwords were typed into
 * the URIs of the process that died gets them again from a file or an environment variable.
 */
final class ReplacedSecrets implements SecretResolver {
    private final SecretResolver delegate;
    private final Map<SecretRef, SecretRef> replacements;

    ReplacedSecrets(SecretResolver delegate, Map<SecretRef, SecretRef> replacements) {
        this.delegate = delegate;
        this.replacements = Map.copyOf(replacements);
    }

    /**
     * Reads the stored reference {@code stored} from {@code file} when given, else a password typed into the first
     * run's URI from the environment variable {@code env} when it is set.
     */
    static void replace(Map<SecretRef, SecretRef> replacements, SecretRef stored, Path file, String env) {
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the password file " + file);
            }
            replacements.put(stored, new SecretRef.FileRef(file.toAbsolutePath()));
        } else if (stored instanceof SecretRef.ProcessOnly && System.getenv(env) != null) {
            replacements.put(stored, new SecretRef.EnvVar(env));
        }
    }

    @Override
    public Optional<String> resolve(SecretRef ref) {
        return delegate.resolve(replacements.getOrDefault(ref, ref));
    }
}
