package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The API calls made, in order, and the failures a test planned for the next calls of an operation. */
final class CallLog {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<ElastiCacheException>> planned = new HashMap<>();

    synchronized void failNext(String operation, int times, ElastiCacheException failure) {
        Deque<ElastiCacheException> queue = planned.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(failure);
        }
    }

    /** Records a call; throws the failure planned for it, if any (the call then has no effect). */
    synchronized void call(String operation) {
        calls.add(operation);
        Deque<ElastiCacheException> queue = planned.get(operation);
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll();
        }
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
