package dev.redismigrate.benchmark;

import dev.redismigrate.benchmark.NativeReplication.Loading;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Row 8 (issue 14): a standalone source's mixed keys migrated into an empty cluster of three primaries, through the
 * launcher. The yardstick is a cluster of three primaries holding the same keys, each shard copied by a native
 * replica at the same time: the time until the last of the three has loaded.
 */
final class ClusterRow {
    private static final int PRIMARIES = 3;

    private ClusterRow() {
    }

    static void run(BenchOptions options, Dataset mixed, ResultTable table) throws Exception {
        double disk;
        double socket;
        List<RedisServer> sourceNodes = startNodes();
        try {
            RedisCluster source = RedisCluster.form(sourceNodes, PRIMARIES);
            MixedDataset.load(source, options.keys());
            disk = NativeReplication.parallelSeconds(source.primaries(), Loading.DISK);
            socket = NativeReplication.parallelSeconds(source.primaries(), Loading.SOCKET);
            System.out.printf("  native replica of each of %d shards at once: %.2f s from disk, %.2f s from socket%n",
                    PRIMARIES, disk, socket);
        } finally {
            sourceNodes.forEach(RedisServer::close);
        }
        List<RedisServer> targetNodes = startNodes();
        try {
            RedisCluster target = RedisCluster.form(targetNodes, PRIMARIES);
            LauncherRun.Result ours = MigrateRun.into(options, mixed.source(), target.primaries().get(0).uri());
            table.add(RowResult.timed("8", String.format("%,d mixed keys into a cluster of %d primaries, whole"
                    + " `migrate --finish-when-synced` (default verification); native: a replica of each shard at"
                    + " once", options.keys(), PRIMARIES), ours.seconds(), disk, socket, ours.peakRssBytes()));
            System.out.println(ours.timelineLine());
        } finally {
            targetNodes.forEach(RedisServer::close);
        }
    }

    private static List<RedisServer> startNodes() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < PRIMARIES; i++) {
                nodes.add(RedisServer.start(RedisVersion.SYSTEM, RedisCluster.nodeConfig()));
            }
            return nodes;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }
}
