package dev.redismigrate.core.endpoint;

import java.nio.file.Path;

/**
 * Where a password comes from. Only the reference is ever stored or logged, never the secret: an environment
 * variable name, a file path, a Secrets Manager ARN, or "given to this process" (a password typed into a URI, which
 * lives only in memory and must be given again to another process).
 */
public sealed interface SecretRef {
    /** The storable form: {@code none}, {@code env:NAME}, {@code file:/path}, {@code arn:aws:secretsmanager:...}, {@code process:KEY}. */
    String reference();

    static SecretRef parse(String reference) {
        if (reference == null || reference.isBlank() || reference.equals("none")) {
            return new None();
        }
        if (reference.startsWith("env:")) {
            return new EnvVar(reference.substring(4));
        }
        if (reference.startsWith("file:")) {
            return new FileRef(Path.of(reference.substring(5)));
        }
        if (reference.startsWith("arn:")) {
            return new SecretsManager(reference);
        }
        if (reference.startsWith("process:")) {
            return new ProcessOnly(reference.substring("process:".length()), null);
        }
        throw new IllegalArgumentException("unknown secret reference kind: " + reference.split(":", 2)[0]);
    }

    record None() implements SecretRef {
        public String reference() {
            return "none";
        }
    }

    record EnvVar(String name) implements SecretRef {
        public String reference() {
            return "env:" + name;
        }
    }

    record FileRef(Path path) implements SecretRef {
        public String reference() {
            return "file:" + path;
        }
    }

    record SecretsManager(String arn) implements SecretRef {
        public String reference() {
            return arn;
        }
    }

    /**
     * A password given inline (e.g. in a URI) to the running process. It is kept in this process's memory under
     * {@code key}; the store keeps only {@code process:KEY}. Read back in the same process it still resolves; another
     * process has to be given the password again.
     */
    record ProcessOnly(String key, String value) implements SecretRef {
        public ProcessOnly {
            if (value != null) {
                ProcessSecrets.remember(key, value);
            }
        }

        /** A new in-memory secret under a fresh random key. */
        public ProcessOnly(String value) {
            this(ProcessSecrets.newKey(), value);
        }

        public String reference() {
            return "process:" + key;
        }

        @Override
        public String toString() {
            return "ProcessOnly[" + key + "]";
        }
    }
}
