package dev.redismigrate.core.endpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;

/** Resolves in-process passwords, environment variables and files (trailing newline stripped). */
public final class LocalSecretResolver implements SecretResolver {
    private final Map<String, String> environment;

    public LocalSecretResolver() {
        this(System.getenv());
    }

    public LocalSecretResolver(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> resolve(SecretRef ref) {
        if (ref instanceof SecretRef.None) {
            return Optional.empty();
        }
        if (ref instanceof SecretRef.ProcessOnly inline) {
            return Optional.of(ProcessSecrets.value(inline));
        }
        if (ref instanceof SecretRef.EnvVar env) {
            String value = environment.get(env.name());
            if (value == null) {
                throw new SecretUnavailableException("environment variable " + env.name() + " is not set");
            }
            return Optional.of(value);
        }
        if (ref instanceof SecretRef.FileRef file) {
            try {
                return Optional.of(Files.readString(file.path()).strip());
            } catch (NoSuchFileException e) {
                throw new SecretUnavailableException("password file " + file.path() + " does not exist");
            } catch (AccessDeniedException e) {
                throw new SecretUnavailableException("password file " + file.path() + " is not readable by this process's"
                        + " user");
            } catch (IOException e) {
                throw new SecretUnavailableException("cannot read password file " + file.path() + ": " + e.getClass().getSimpleName());
            }
        }
        throw new SecretUnavailableException(ref.reference() + " lives in AWS Secrets Manager; run in cloud mode to read it");
    }
}
