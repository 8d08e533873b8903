package dev.redismigrate.cli.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened to each task while this console watched it: status changes, the run's steps, sync events (resume,
 * resync, reconnect, finish refused) and console actions. In memory, the last {@link #KEPT} per task.
 */
final class TaskEvents {
    static final int KEPT = 200;

    /** One line of a task's history. */
    record Event(Instant at, String kind, String detail) {
        /** A finish asked for by this console, in either mode. */
        static Event finishRequested(Instant at, boolean force) {
            return force
                    ? new Event(at, "finish-forced", "finish forced: the final verification is skipped (recorded in"
                            + " the task)")
                    : new Event(at, "finish-requested", "finish requested: the sync drains, verifies and stops");
        }
    }

    private final Map<String, Deque<Event>> byTask = new ConcurrentHashMap<>();

    void add(String taskId, Event event) {
        Deque<Event> events = byTask.computeIfAbsent(taskId, id -> new ArrayDeque<>());
        synchronized (events) {
            events.addLast(event);
            while (events.size() > KEPT) {
                events.removeFirst();
            }
        }
    }

    List<Event> of(String taskId) {
        Deque<Event> events = byTask.get(taskId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    Event last(String taskId) {
        Deque<Event> events = byTask.get(taskId);
        if (events == null) {
            return null;
        }
        synchronized (events) {
            return events.peekLast();
        }
    }
}
