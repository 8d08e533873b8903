package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One replication group (cluster mode disabled, no replicas): a real server behind its proxy. */
final class EmulatedReplicationGroup {
    final String id;
    final ServerAdmin admin;
    final ElastiCacheProxy proxy;
    final AuthMode authMode;
    final String engine;
    final String engineVersion;
    final List<String> userGroupIds = new ArrayList<>();
    List<String> securityGroupIds;
    final Settling settling;

    EmulatedReplicationGroup(String id, ServerAdmin admin, ElastiCacheProxy proxy, AuthMode authMode,
                             List<String> securityGroupIds, Duration settle) {
        this.id = id;
        this.admin = admin;
        this.proxy = proxy;
        this.authMode = authMode;
        this.securityGroupIds = List.copyOf(securityGroupIds);
        this.settling = new Settling(settle);
        String info = admin.info();
        String valkey = infoField(info, "valkey_version");
        this.engine = valkey == null ? "redis" : "valkey";
        this.engineVersion = valkey == null ? infoField(info, "redis_version") : valkey;
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
