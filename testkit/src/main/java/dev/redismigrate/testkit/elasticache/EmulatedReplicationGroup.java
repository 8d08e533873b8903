package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One replication group without replicas: with cluster mode disabled one real server behind its proxy, with cluster
 * mode enabled one proxy per primary of a real cluster (one shard each), the first being the configuration endpoint.
 */
final class EmulatedReplicationGroup {
    final String id;
    final boolean clusterMode;
    /** One per node, in the order of {@link #proxies}. */
    final List<ServerAdmin> admins;
    final List<ElastiCacheProxy> proxies;
    final AuthMode authMode;
    final String engine;
    final String engineVersion;
    final List<String> userGroupIds = new ArrayList<>();
    List<String> securityGroupIds;
    final Settling settling;

    EmulatedReplicationGroup(String id, boolean clusterMode, List<ServerAdmin> admins, List<ElastiCacheProxy> proxies,
                             AuthMode authMode, List<String> securityGroupIds, Duration settle) {
        this.id = id;
        this.clusterMode = clusterMode;
        this.admins = List.copyOf(admins);
        this.proxies = List.copyOf(proxies);
        this.authMode = authMode;
        this.securityGroupIds = List.copyOf(securityGroupIds);
        this.settling = new Settling(settle);
        String info = admins.get(0).info();
        String valkey = infoField(info, "valkey_version");
        this.engine = valkey == null ? "redis" : "valkey";
        this.engineVersion = valkey == null ? infoField(info, "redis_version") : valkey;
    }

    /** The primary endpoint (cluster mode disabled) or the configuration endpoint (cluster mode enabled). */
    ElastiCacheProxy endpoint() {
        return proxies.get(0);
    }

    /** The node group ids: {@code 0001}, {@code 0002}, ... (one per primary). */
    List<String> shardIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= proxies.size(); i++) {
            ids.add(String.format("%04d", i));
        }
        return ids;
    }

    String status() {
        return settling.busy() ? "modifying" : "available";
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }
}
