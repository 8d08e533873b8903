package dev.redismigrate.sync.failure;

import dev.redismigrate.sync.resp.ErrorReplyException;
import dev.redismigrate.sync.resp.RespConnection;

/**
 * A failure of the sync, typed where it happened: which side failed and what kind of failure it is, so whether a new
 * session (which resumes from the checkpoint on the target) can cure it. The runner decides on {@link #kind()}, never
 * on the message, which is one line for the user and never holds a secret.
 */
public final class SyncFailure extends RuntimeException {
    /** Where the failure happened, when the code that saw it knows. */
    public enum Side { SOURCE, TARGET, UNKNOWN }

    /** What kind of failure, for the decision to reconnect or to give up at once. */
    public enum Kind {
        /** A connection that could not be opened or was lost, a server not ready (loading): a new session resumes. */
        CONNECTION(true),
        /** Not classified where it happened (an I/O error, a malformed stream, the local spool): retried. */
        UNCLASSIFIED(true),
        /** The server refused the credentials. */
        CREDENTIALS_REFUSED(false),
        /** The user may not run a command ({@code NOPERM}). */
        PERMISSION_DENIED(false),
        /** The target refused a command when it was queued: the same data fails again. */
        COMMAND_REJECTED(false),
        /** The target cannot hold what the source has (a version before 5.0, functions before 7.0). */
        TARGET_UNSUPPORTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** True when a new session may succeed; false when it would fail the same way. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Side side;
    private final Kind kind;

    public SyncFailure(Side side, Kind kind, String message) {
        super(message);
        this.side = side;
        this.kind = kind;
    }

    public SyncFailure(Side side, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.side = side;
        this.kind = kind;
    }

    /**
     * The typed failure behind whatever a session threw: the first {@code SyncFailure} in its causes; an error reply
     * with the {@code NOPERM} code; otherwise {@link Kind#UNCLASSIFIED}, which is retried.
     */
    public static SyncFailure of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SyncFailure failure) {
                return failure;
            }
            if (t instanceof ErrorReplyException reply && reply.error().permissionDenied()) {
                return new SyncFailure(Side.UNKNOWN, Kind.PERMISSION_DENIED, RespConnection.describe(t), thrown);
            }
        }
        return new SyncFailure(Side.UNKNOWN, Kind.UNCLASSIFIED, RespConnection.describe(thrown), thrown);
    }

    public Side side() {
        return side;
    }

    public Kind kind() {
        return kind;
    }
}
