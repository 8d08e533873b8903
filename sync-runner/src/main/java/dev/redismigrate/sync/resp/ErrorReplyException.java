package dev.redismigrate.sync.resp;

import java.io.IOException;

/** A command answered with an error reply where the caller needed a result; the reply's code types it. */
public final class ErrorReplyException extends IOException {
    private final RespError error;

    public ErrorReplyException(String message, RespError error) {
        super(message);
        this.error = error;
    }

    public RespError error() {
        return error;
    }
}
