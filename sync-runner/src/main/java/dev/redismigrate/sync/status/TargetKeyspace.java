package dev.redismigrate.sync.status;

import dev.redismigrate.core.progress.DbKeyCount;
import java.io.IOException;
import java.util.Map;

/** The target's key counts per database for a progress report, our own keys left out; on connections of its own. */
public interface TargetKeyspace extends AutoCloseable {
    /** @throws IOException (or a runtime failure) when the target does not answer: the next sample connects again */
    Map<Integer, DbKeyCount> sample() throws IOException;

    /** Drops the connections; a later {@link #sample()} opens new ones. */
    @Override
    void close();
}
