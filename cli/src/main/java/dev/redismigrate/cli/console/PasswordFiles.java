package dev.redismigrate.cli.console;

import dev.redismigrate.core.endpoint.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the console keeps the passwords typed into its forms: one owner-only file each under
 * {@code <state-dir>/secrets/}, so that the task stores a {@code file:} reference (as everywhere else, never the
 * password) and a restarted console can still resume the sync. The console deletes a file once no task needs it.
 */
final class PasswordFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    PasswordFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A form's source and target password references. */
    record Pair(SecretRef source, SecretRef target) {
    }

    /**
     * The references to store for a form's two passwords ({@code whenAbsent} where it gave none): when the second is
     * refused, the file written for the first is deleted, so that no password stays on disk for nothing.
     */
    Pair referencesFor(TaskForm form, SecretRef whenAbsent) {
        SecretRef source = referenceFor(form.sourcePassword(), whenAbsent);
        try {
            return new Pair(source, referenceFor(form.targetPassword(), whenAbsent));
        } catch (RuntimeException e) {
            discard(source);
            throw e;
        }
    }

    /** The reference to store for {@code input}; {@code whenAbsent} when the form gave none. */
    private SecretRef referenceFor(PasswordInput input, SecretRef whenAbsent) {
        if (input.absent()) {
            return whenAbsent;
        }
        if (input.cleared()) {
            return new SecretRef.None();
        }
        if (input.reference() != null && owns(input.reference())) {
            throw ApiException.badRequest(null, "a password reference may not name the console's own password files");
        }
        return input.reference() != null ? input.reference() : write(input.typed());
    }

    /** Deletes the file behind {@code ref} when it is one of ours; other references (and null) are the user's and stay. */
    void discard(SecretRef ref) {
        if (owns(ref)) {
            try {
                Files.deleteIfExists(((SecretRef.FileRef) ref).path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete a password file under " + dir, e);
            }
        }
    }

    /**
     * A file directly in our directory. The path is normalized first: {@code secrets/../../home/me/pw} (a reference a
     * CLI command may store) is the user's file, not ours to delete, and {@code ./secrets/NAME} is ours.
     */
    boolean owns(SecretRef ref) {
        return ref instanceof SecretRef.FileRef file && dir.equals(file.path().toAbsolutePath().normalize().getParent());
    }

    private SecretRef write(String password) {
        byte[] name = new byte[12];
        RANDOM.nextBytes(name);
        Path file = dir.resolve(HexFormat.of().formatHex(name));
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a password under " + dir, e);
        }
        return new SecretRef.FileRef(file);
    }
}
