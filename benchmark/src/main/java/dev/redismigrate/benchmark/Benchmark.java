package dev.redismigrate.benchmark;

import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisVersion;
import java.util.Arrays;

/**
 * Reproduces issue 12's table in one run (benchmark/run.sh): every migration and verification through the real
 * launcher, beside Redis's own replication of the same data loading from disk and from the socket. Prints each row as
 * it completes, then a markdown table with the machine for README. Not a test: nothing is asserted.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        LauncherRun.run(options, "--version"); // builds the jar if sources changed, so no row pays for it
        Machine machine = new Machine(redisVersion());
        System.out.println(machine.describe());
        ResultTable table = new ResultTable();
        MigrationRows rows = new MigrationRows(options, table);
        if (options.runs(1) || options.runs(2) || options.runs(6) || options.runs(7) || options.runs(8)) {
            try (Dataset mixed = Dataset.load(String.format("%,d mixed keys", options.keys()),
                    source -> MixedDataset.load(source, options.keys()))) {
                if (options.runs(1)) {
                    rows.row1(mixed);
                }
                if (options.runs(2)) {
                    rows.row2(mixed);
                }
                if (options.runs(6)) {
                    rows.row6(mixed);
                }
                if (options.runs(8)) {
                    ClusterRow.run(options, mixed, table);
                }
                if (options.runs(7)) {
                    IncrementalRow.run(options, mixed, table); // last on this data: its loads change the source
                }
            }
        }
        if (options.runs(3)) {
            rows.row3();
        }
        if (options.runs(4)) {
            rows.row4();
        }
        if (options.runs(5)) {
            rows.row5();
        }
        System.out.println();
        System.out.print(table.markdown(machine));
    }

    private static String redisVersion() {
        try (RedisServer server = RedisServer.start(RedisVersion.SYSTEM, RedisServerConfig.defaults())) {
            return Measures.info(server, "server").get("redis_version");
        }
    }
}
