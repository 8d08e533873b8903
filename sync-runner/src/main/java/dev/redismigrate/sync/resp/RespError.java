package dev.redismigrate.sync.resp;

/** An error reply ({@code -ERR ...}), kept as a value so a pipeline can read on past it. */
public record RespError(String message) {
    /** The first word, e.g. {@code ERR}, {@code WRONGTYPE}, {@code NOSCRIPT}, {@code EXECABORT}. */
    public String code() {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    /** {@code NOPERM}: the user may not run this command or touch this key. */
    public boolean permissionDenied() {
        return code().equals("NOPERM");
    }
}
