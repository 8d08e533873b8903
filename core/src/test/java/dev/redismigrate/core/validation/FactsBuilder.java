package dev.redismigrate.core.validation;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.validation.InstanceFacts.AclSupport;
import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import java.util.List;
import java.util.Map;

/** Facts of a healthy instance, changed one field at a time by the tests. */
public final class FactsBuilder {
    Reachability reachability = Reachability.REACHABLE;
    String problem;
    boolean passwordRequired = true;
    ServerVersion version = new ServerVersion(7, 0, 15);
    String runId;
    InstanceFacts.Role role = InstanceFacts.Role.primary();
    boolean loading;
    InstanceFacts.Memory memory = new InstanceFacts.Memory(1_000_000L, 0L, "noeviction");
    Integer databases = 16;
    Map<Integer, DbKeyCount> keyspace = Map.of();
    List<String> modules = List.of();
    AclSupport acl = AclSupport.AVAILABLE;
    InstanceFacts.SyncAccess replication;
    InstanceFacts.DataTypes dataTypes;
    InstanceFacts.ClusterMode cluster = InstanceFacts.ClusterMode.STANDALONE;
    List<String> migrationUsers = List.of();

    private FactsBuilder(String runId) {
        this.runId = runId;
    }

    public static FactsBuilder source() {
        FactsBuilder b = new FactsBuilder("source-run-id");
        b.keyspace = Map.of(0, new DbKeyCount(10, 0));
        b.replication = new InstanceFacts.SyncAccess(CommandAccess.ALLOWED, CommandAccess.ALLOWED, "default");
        b.dataTypes = new InstanceFacts.DataTypes(false, false, true, 0);
        return b;
    }

    public static FactsBuilder target() {
        return new FactsBuilder("target-run-id");
    }

    public FactsBuilder reachability(Reachability r, String why) {
        reachability = r;
        problem = why;
        return this;
    }

    public FactsBuilder passwordRequired(boolean v) { passwordRequired = v; return this; }
    public FactsBuilder version(int major, int minor, int patch) { version = new ServerVersion(major, minor, patch); return this; }
    public FactsBuilder runId(String v) { runId = v; return this; }
    public FactsBuilder role(InstanceFacts.Role v) { role = v; return this; }
    public FactsBuilder loading(boolean v) { loading = v; return this; }
    public FactsBuilder memory(Long used, Long max, String policy) { memory = new InstanceFacts.Memory(used, max, policy); return this; }
    public FactsBuilder databases(Integer v) { databases = v; return this; }
    public FactsBuilder keyspace(Map<Integer, DbKeyCount> v) { keyspace = v; return this; }
    public FactsBuilder modules(List<String> v) { modules = v; return this; }
    public FactsBuilder acl(AclSupport v) { acl = v; return this; }
    public FactsBuilder sync(CommandAccess psync, CommandAccess sync) { replication = new InstanceFacts.SyncAccess(psync, sync, "mig"); return this; }
    public FactsBuilder dataTypes(boolean streams, boolean vectorSets, boolean complete, long hashesWithFieldTtl) {
        dataTypes = new InstanceFacts.DataTypes(streams, vectorSets, complete, hashesWithFieldTtl);
        return this;
    }

    public FactsBuilder cluster(InstanceFacts.ClusterMode v) { cluster = v; return this; }
    public FactsBuilder migrationUsers(String... v) { migrationUsers = List.of(v); return this; }

    public InstanceFacts build() {
        if (reachability != Reachability.REACHABLE) {
            return InstanceFacts.unusable(reachability, problem, passwordRequired);
        }
        return new InstanceFacts(reachability, null, passwordRequired, version, runId, role, loading, memory, databases,
                keyspace, modules, acl, replication, dataTypes, cluster, migrationUsers);
    }
}
