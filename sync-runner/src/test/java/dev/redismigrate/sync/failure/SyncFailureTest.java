package dev.redismigrate.sync.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.sync.resp.ErrorReplyException;
import dev.redismigrate.sync.resp.RespError;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyncFailureTest {
    @Test
    void onlyConnectionsAndUnclassifiedFailuresAreWorthANewSession() {
        assertThat(Arrays.stream(SyncFailure.Kind.values()).filter(SyncFailure.Kind::retryable))
                .containsExactlyInAnyOrder(SyncFailure.Kind.CONNECTION, SyncFailure.Kind.UNCLASSIFIED);
    }

    @Test
    void aFailureTypedWhereItHappenedKeepsItsKindAndSideThroughTheLayersThatWrapIt() {
        SyncFailure rejected = new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.COMMAND_REJECTED,
                "target rejected SET 'k': ERR wrong number of arguments");
        Throwable wrapped = new IllegalStateException(new UncheckedIOException(new IOException(rejected)));

        SyncFailure found = SyncFailure.of(wrapped);

        assertThat(found).isSameAs(rejected);
        assertThat(found.side()).isEqualTo(SyncFailure.Side.TARGET);
        assertThat(found.kind().retryable()).isFalse();
        assertThat(SyncFailure.of(rejected)).isSameAs(rejected);
    }

    @Test
    void anErrorReplyWithTheNopermCodeIsAPermissionFailureNoRetryCures() {
        ErrorReplyException noperm = new ErrorReplyException("redis://127.0.0.1:6379 answered CLIENT with NOPERM User"
                + " migrator has no permissions to run the 'client|id' command",
                new RespError("NOPERM User migrator has no permissions to run the 'client|id' command"));

        SyncFailure failure = SyncFailure.of(noperm);

        assertThat(failure.kind()).isEqualTo(SyncFailure.Kind.PERMISSION_DENIED);
        assertThat(failure.kind().retryable()).isFalse();
        assertThat(failure).hasMessage(noperm.getMessage()).hasCause(noperm);
    }

    @Test
    void otherErrorRepliesAndLostConnectionsAreRetriedWithTheirMessage() {
        ErrorReplyException loading = new ErrorReplyException("redis://127.0.0.1:6379 answered INFO with LOADING Redis"
                + " is loading the dataset in memory", new RespError("LOADING Redis is loading the dataset in memory"));
        EOFException closed = new EOFException("source closed the replication link");

        assertThat(SyncFailure.of(loading).kind()).isEqualTo(SyncFailure.Kind.UNCLASSIFIED);
        assertThat(SyncFailure.of(closed).kind().retryable()).isTrue();
        assertThat(SyncFailure.of(closed)).hasMessage("source closed the replication link");
        assertThat(SyncFailure.of(new IOException()).getMessage()).isEqualTo("IOException");
    }

    @Test
    void theMessageIsDecidedOnNeverItsText() {
        // a message that reads like a fatal one does not make a lost connection fatal
        IOException lookalike = new IOException("target rejected nothing: NOPERM appears in a key name");

        assertThat(SyncFailure.of(lookalike).kind().retryable()).isTrue();
    }
}
