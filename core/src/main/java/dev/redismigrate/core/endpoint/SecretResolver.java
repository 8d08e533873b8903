package dev.redismigrate.core.endpoint;

import java.util.Optional;

/** Turns a {@link SecretRef} into the secret. Local mode reads env vars and files; the cloud reads Secrets Manager. */
public interface SecretResolver {
    /** Empty for {@link SecretRef.None}; throws {@link SecretUnavailableException} when the secret cannot be read. */
    Optional<String> resolve(SecretRef ref);

    /**
     * Refuses, before anything is stored, a reference of a kind this installation never reads: the cloud reads only
     * Secrets Manager secrets under its prefix, so that nobody can point a task at the function's own environment or
     * files. Reading nothing itself, this says nothing about whether the secret exists.
     *
     * @throws SecretRefusedException naming what is accepted instead
     */
    default void requireAccepted(SecretRef ref) {
    }
}
