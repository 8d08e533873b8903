package dev.redismigrate.benchmark;

import dev.redismigrate.benchmark.NativeReplication.Copy;
import dev.redismigrate.benchmark.NativeReplication.Loading;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows 1-6: each runs the real launcher (migrate or verify) and native replication of the same data in the same run.
 */
final class MigrationRows {
    private static final String[] VERIFY_NONE = {"--verify", "none"};

    private final BenchOptions options;
    private final ResultTable table;

    MigrationRows(BenchOptions options, ResultTable table) {
        this.options = options;
        this.table = table;
    }

    /** Rows 1, 2 and 5: one whole migration, against both native loadings of the same data. */
    void wholeMigration(String row, String work, Dataset data, String... migrateArgs) throws Exception {
        LauncherRun.Result ours = MigrateRun.run(options, data.source(), migrateArgs);
        table.add(RowResult.timed(row, work, ours.seconds(), data.nativeSeconds(Loading.DISK),
                data.nativeSeconds(Loading.SOCKET), ours.peakRssBytes()));
        System.out.println(ours.timelineLine());
    }

    void row1(Dataset mixed) throws Exception {
        wholeMigration("1", String.format("%,d mixed keys, whole `migrate --finish-when-synced` (default verification)",
                options.keys()), mixed);
    }

    void row2(Dataset mixed) throws Exception {
        wholeMigration("2", String.format("%,d mixed keys, `--verify none`", options.keys()), mixed, VERIFY_NONE);
    }

    /** Row 3: the median of several runs of each, native replication measured beside every run. */
    void row3() throws Exception {
        int bigElements = options.bigElements() / 5;
        try (Dataset data = Dataset.load(String.format("%,d mixed keys + 3 big keys of %,d elements",
                options.mediumKeys(), bigElements), source -> {
                    MixedDataset.load(source, options.mediumKeys());
                    BigKeys.load(source, bigElements);
                })) {
            List<Double> ours = new ArrayList<>();
            List<Double> disk = new ArrayList<>();
            List<Double> socket = new ArrayList<>();
            long peak = 0;
            for (int i = 0; i < options.repeats(); i++) {
                disk.add(NativeReplication.seconds(data.source(), Loading.DISK));
                socket.add(NativeReplication.seconds(data.source(), Loading.SOCKET));
                LauncherRun.Result run = MigrateRun.run(options, data.source(), VERIFY_NONE);
                ours.add(run.seconds());
                peak = Math.max(peak, run.peakRssBytes());
                System.out.printf("  run %d: redis-migrate %.2f s, native from disk %.2f s, from socket %.2f s%n",
                        i + 1, run.seconds(), disk.get(i), socket.get(i));
                System.out.println(run.timelineLine());
            }
            table.add(RowResult.timed("3", String.format("%,d keys + 3 big keys (hash, sorted set, list of %,d"
                            + " elements), `--verify none`, median of %d", options.mediumKeys(), bigElements,
                    options.repeats()), Measures.median(ours), Measures.median(disk), Measures.median(socket), peak));
        }
    }

    /** Row 4: a small task from a source left at Redis's defaults, and the JVM's start alone. */
    void row4() throws Exception {
        List<Double> starts = new ArrayList<>();
        long startPeak = 0;
        for (int i = 0; i < 3; i++) {
            LauncherRun.Result run = LauncherRun.run(options, "--version");
            starts.add(run.seconds());
            startPeak = Math.max(startPeak, run.peakRssBytes());
        }
        table.add(RowResult.timed("4", "JVM start alone (`redis-migrate --version`, median of 3)",
                Measures.median(starts), null, null, startPeak));
        try (Dataset data = Dataset.load(String.format("%,d mixed keys", options.smallKeys()),
                source -> MixedDataset.load(source, options.smallKeys()))) {
            LauncherRun.Result run = MigrateRun.run(options, data.source());
            table.add(RowResult.timed("4", String.format("%,d keys, source with default configuration, whole"
                    + " `migrate --finish-when-synced` (default verification)", options.smallKeys()), run.seconds(),
                    null, null, run.peakRssBytes()));
            System.out.println(run.timelineLine());
        }
    }

    void row5() throws Exception {
        try (Dataset data = Dataset.load(String.format("3 big keys of %,d elements", options.bigElements()),
                source -> BigKeys.load(source, options.bigElements()))) {
            wholeMigration("5", String.format("3 big keys (hash, sorted set, list of %,d elements, %s used_memory),"
                    + " whole migration (default verification)", options.bigElements(),
                    Measures.mib(Measures.usedMemory(data.source()))), data);
        }
    }

    /** Row 6: {@code verify --mode full} of a native copy, at the default rate and without a limit. */
    void row6(Dataset mixed) throws Exception {
        try (Copy copy = NativeReplication.copy(mixed.source(), Loading.SOCKET, true)) {
            for (String[] rate : List.of(new String[0], new String[] {"--rate", "0"})) {
                List<String> args = new ArrayList<>(List.of("verify", "--source", mixed.source().uri(), "--target",
                        copy.replica().uri(), "--mode", "full"));
                args.addAll(List.of(rate));
                LauncherRun.Result run = LauncherRun.run(options, args.toArray(String[]::new));
                boolean limited = rate.length == 0;
                table.add(RowResult.timed(limited ? "6" : "6 (--rate 0)", String.format("%s, %,d mixed keys",
                        limited ? "`verify --mode full` (default rate)" : "`verify --mode full --rate 0`",
                        options.keys()), run.seconds(), mixed.nativeSeconds(Loading.DISK),
                        mixed.nativeSeconds(Loading.SOCKET), run.peakRssBytes()));
            }
        }
    }
}
