package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API calls made, in order, and what a test planned for the next calls of an operation: in order, calls that
 * take effect (empty) and calls that fail.
 */
final class CallLog {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<Optional<ElastiCacheException>>> planned = new HashMap<>();

    /** After the calls planned so far, {@code succeeding} calls take effect, then {@code failing} calls fail. */
    synchronized void plan(String operation, int succeeding, int failing, ElastiCacheException failure) {
        Deque<Optional<ElastiCacheException>> queue = planned.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < succeeding; i++) {
            queue.add(Optional.empty());
        }
        for (int i = 0; i < failing; i++) {
            queue.add(Optional.of(failure));
        }
    }

    synchronized void forgetPlans() {
        planned.clear();
    }

    /** Records a call; throws the failure planned for it, if any (the call then has no effect). */
    synchronized void call(String operation) {
        calls.add(operation);
        Deque<Optional<ElastiCacheException>> queue = planned.get(operation);
        if (queue != null && !queue.isEmpty()) {
            queue.poll().ifPresent(failure -> {
                throw failure;
            });
        }
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
