package dev.redismigrate.cli.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress samples of each task, oldest first, in bounded memory: at most {@link #MAX_SAMPLES} per task. When a
 * series is full every second sample is dropped and later samples are kept at half the rate, so a series always spans
 * the whole sync, at a step that grows with its length.
 */
final class ProgressSeries {
    static final int MAX_SAMPLES = 2000;

    private static final class Series {
        final List<ProgressSample> samples = new ArrayList<>();
        /** Keep one sample in {@code stride}: 1, then 2, 4, ... after each thinning. */
        int stride = 1;
        long offered;
    }

    private final Map<String, Series> byTask = new ConcurrentHashMap<>();

    /** Adds the sample unless the series is at a coarser step; true when it was kept. */
    boolean add(String taskId, ProgressSample sample) {
        Series series = byTask.computeIfAbsent(taskId, id -> new Series());
        synchronized (series) {
            if (series.offered++ % series.stride != 0) {
                return false;
            }
            if (series.samples.size() >= MAX_SAMPLES) {
                List<ProgressSample> halved = new ArrayList<>(MAX_SAMPLES / 2 + 1);
                for (int i = 0; i < series.samples.size(); i += 2) {
                    halved.add(series.samples.get(i));
                }
                series.samples.clear();
                series.samples.addAll(halved);
                series.stride *= 2;
            }
            series.samples.add(sample);
            return true;
        }
    }

    /** The samples taken after {@code sinceMillis} (all when null), oldest first. */
    List<ProgressSample> of(String taskId, Long sinceMillis) {
        Series series = byTask.get(taskId);
        if (series == null) {
            return List.of();
        }
        synchronized (series) {
            return series.samples.stream().filter(s -> sinceMillis == null || s.at() > sinceMillis).toList();
        }
    }
}
