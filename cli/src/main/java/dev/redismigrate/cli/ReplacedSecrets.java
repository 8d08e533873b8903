package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretResolver;
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

    @Override
    public Optional<String> resolve(SecretRef ref) {
        return delegate.resolve(replacements.getOrDefault(ref, ref));
    }
}
