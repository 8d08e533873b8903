package dev.redismigrate.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one run of the benchmark measures: which rows of issue 12's table, on how much data. The defaults are the
 * table's sizes; {@code --quick} is a smoke size that checks every row end to end in a couple of minutes.
 *
 * @param rows             the rows to run (1-8)
 * @param keys             mixed keys of rows 1, 2, 6, 7 and 8
 * @param mediumKeys       mixed keys of row 3, beside its big keys
 * @param smallKeys        mixed keys of row 4 (the small task on a source with default configuration)
 * @param bigElements      elements of each of row 5's three big keys; row 3's big keys have a fifth of it
 * @param repeats          runs of row 3, whose median is reported
 * @param writesPerSecond  the paced write load of row 7
 * @param burstRequests    requests per command type of row 7's unpaced redis-benchmark burst (0: no burst)
 * @param launcher         the {@code redis-migrate} launcher every migration and verification is run through
 */
record BenchOptions(SortedSet<Integer> rows, int keys, int mediumKeys, int smallKeys, int bigElements, int repeats,
                    int writesPerSecond, int burstRequests, Path launcher) {
    static final String USAGE = """
            Usage: benchmark/run.sh [--quick] [--rows 1,2,...] [--keys N] [--medium-keys N] [--small-keys N]
                                    [--big-elements N] [--repeats N] [--writes-per-second N] [--burst-requests N]
              rows: 1 migrate 1M mixed keys (default verification)   2 the same with --verify none
                    3 100k keys + big keys, --verify none, median     4 10k keys, source with default configuration
                    5 three big keys: peak RSS                         6 verify --mode full (default rate, --rate 0)
                    7 incremental: lag under a write load, catch-up time, exact data at the end
                    8 the mixed keys into a cluster of 3 primaries (default verification)
              --quick: smoke sizes (20k / 5k / 2k keys, 200k elements, one repeat, 20k burst requests) unless given
                       explicitly; --burst-requests 0 leaves the burst out""";

    private static final List<Integer> ALL_ROWS = List.of(1, 2, 3, 4, 5, 6, 7, 8);

    static BenchOptions parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        SortedSet<Integer> rows = new TreeSet<>(ALL_ROWS);
        int keys = quick ? 20_000 : 1_000_000;
        int mediumKeys = quick ? 5_000 : 100_000;
        int smallKeys = quick ? 2_000 : 10_000;
        int bigElements = quick ? 200_000 : 5_000_000;
        int repeats = quick ? 1 : 3;
        int writesPerSecond = 50_000;
        int burstRequests = quick ? 20_000 : 200_000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--rows" -> rows = rows(value);
                case "--keys" -> keys = atLeast(1, option, value);
                case "--medium-keys" -> mediumKeys = atLeast(1, option, value);
                case "--small-keys" -> smallKeys = atLeast(1, option, value);
                case "--big-elements" -> bigElements = atLeast(1, option, value);
                case "--repeats" -> repeats = atLeast(1, option, value);
                case "--writes-per-second" -> writesPerSecond = atLeast(1, option, value);
                case "--burst-requests" -> burstRequests = atLeast(0, option, value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        Path launcher = Path.of("redis-migrate").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("no launcher at " + launcher + ": run the benchmark from the repository root");
        }
        return new BenchOptions(rows, keys, mediumKeys, smallKeys, bigElements, repeats, writesPerSecond, burstRequests,
                launcher);
    }

    boolean runs(int row) {
        return rows.contains(row);
    }

    private static SortedSet<Integer> rows(String value) {
        SortedSet<Integer> rows = new TreeSet<>();
        for (String row : value.split(",")) {
            rows.add(atLeast(1, "--rows", row.trim()));
        }
        if (!ALL_ROWS.containsAll(rows)) {
            throw new IllegalArgumentException("--rows takes numbers from 1 to 8, got " + value + "\n" + USAGE);
        }
        return rows;
    }

    /** The value as a whole number of at least {@code least}. */
    private static int atLeast(int least, String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number too small
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least " + least + ", got " + value);
    }
}
