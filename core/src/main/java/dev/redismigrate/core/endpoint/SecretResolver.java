package dev.redismigrate.core.endpoint;

import java.util.Optional;

/** Turns a {@link SecretRef} into the secret. Local mode reads env vars and files; the cloud reads Secrets Manager. */
public interface SecretResolver {
    /** Empty for {@link SecretRef.None}; throws {@link SecretUnavailableException} when the secret cannot be read. */
    Optional<String> resolve(SecretRef ref);
}
