package dev.redismigrate.cli.console;

import dev.redismigrate.core.endpoint.SecretRef;

/**
 * A password as a form gives it: typed (held only until it is stored as a file, see {@link PasswordFiles}), a
 * reference to where it lives ({@code env:NAME}, {@code file:/path}), an empty string to remove it, or nothing.
 * {@link #toString()} never shows a typed password.
 */
record PasswordInput(String typed, SecretRef reference) {
    static final PasswordInput ABSENT = new PasswordInput(null, null);

    boolean absent() {
        return typed == null && reference == null;
    }

    /** {@code "password": ""}: no password any more. */
    boolean cleared() {
        return typed != null && typed.isEmpty();
    }

    @Override
    public String toString() {
        return typed != null ? "PasswordInput[typed]" : "PasswordInput[" + (reference == null ? "absent" : reference.reference()) + "]";
    }
}
