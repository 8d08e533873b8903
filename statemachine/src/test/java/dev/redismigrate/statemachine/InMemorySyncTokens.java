package dev.redismigrate.statemachine;

import dev.redismigrate.aws.store.SyncTokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SyncTokens} in memory: the latest run's token per task, as the table item keeps it. */
final class InMemorySyncTokens implements SyncTokens {
    private record Run(String runId, String token) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    @Override
    public void store(String taskId, String runId, String token) {
        runs.put(taskId, new Run(runId, token));
    }

    @Override
    public Optional<String> token(String taskId, String runId) {
        return Optional.ofNullable(runs.get(taskId)).filter(run -> run.runId().equals(runId)).map(Run::token);
    }
}
