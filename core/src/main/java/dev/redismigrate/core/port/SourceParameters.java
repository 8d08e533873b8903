package dev.redismigrate.core.port;

import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sets the migration's parameters on the source (CONFIG SET) and puts the old values back. The previous value of
 * each parameter is handed to {@code recorded} (to be stored in the task) <em>before</em> it is changed, so a crash
 * between the two never loses the value to restore.
 */
public interface SourceParameters {
    /** Outcome per parameter, in order; a denied or renamed CONFIG is reported, not thrown. */
    record Applied(List<ParameterSetting> settings, List<String> warnings) {
    }

    /**
     * A setting already marked applied (a retry after a crash) keeps its recorded previous value and is set again;
     * reading it again would record the migration's own value as the one to restore.
     */
    Applied apply(SourceSpec source, List<ParameterSetting> requested, Consumer<List<ParameterSetting>> recorded);

    /** Restores every setting with {@code applied == true}; idempotent. Returns the settings marked restored. */
    Applied restore(SourceSpec source, List<ParameterSetting> settings);
}
