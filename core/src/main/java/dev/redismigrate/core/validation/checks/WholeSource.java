package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.ServerVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Redis Cluster source as the checks that weigh the source against the target see it: its primaries together
 * (every primary's shard is copied into the same target). Keys and used memory are summed, the version is the newest
 * (the target must not be older than any primary), data types and modules are those of any primary. Anything else is
 * the source as it is. The checks of one server's replication (PSYNC allowed, not loading, a master) run on each
 * primary instead ({@link EveryPrimary}).
 */
public final class WholeSource {
    private WholeSource() {
    }

    public static InstanceFacts of(InstanceFacts source) {
        Collection<InstanceFacts> primaries = source.clusterPrimaries().values();
        if (primaries.isEmpty() || !primaries.stream().allMatch(InstanceFacts::usable)) {
            return source;
        }
        ServerVersion newest = primaries.stream().map(InstanceFacts::version).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        Map<Integer, DbKeyCount> keyspace = new TreeMap<>();
        primaries.forEach(p -> p.keyspace().forEach((db, count) -> keyspace.merge(db, count, DbKeyCount::plus)));
        return new InstanceFacts(source.reachability(), source.problem(), source.passwordRequired(), newest,
                source.runId(), InstanceFacts.Role.primary(), primaries.stream().anyMatch(InstanceFacts::loading),
                memory(primaries), source.databases(), keyspace, modules(primaries), source.acl(), source.replication(),
                dataTypes(primaries), source.cluster(), source.migrationUsers());
    }

    /** Used memory summed; unknown when any primary does not tell. */
    private static InstanceFacts.Memory memory(Collection<InstanceFacts> primaries) {
        long used = 0;
        for (InstanceFacts primary : primaries) {
            if (primary.memory() == null || primary.memory().used() == null) {
                return new InstanceFacts.Memory(null, null, null);
            }
            used += primary.memory().used();
        }
        return new InstanceFacts.Memory(used, null, null);
    }

    /** Every module any primary loads; unknown when any primary could not list them. */
    private static List<String> modules(Collection<InstanceFacts> primaries) {
        TreeSet<String> names = new TreeSet<>();
        for (InstanceFacts primary : primaries) {
            if (primary.modules() == null) {
                return null;
            }
            names.addAll(primary.modules());
        }
        return List.copyOf(names);
    }

    /** A type found on any primary is found; the search is complete only where it completed on every primary. */
    private static InstanceFacts.DataTypes dataTypes(Collection<InstanceFacts> primaries) {
        if (primaries.stream().anyMatch(p -> p.dataTypes() == null)) {
            return null;
        }
        return new InstanceFacts.DataTypes(primaries.stream().anyMatch(p -> p.dataTypes().streamsFound()),
                primaries.stream().anyMatch(p -> p.dataTypes().vectorSetsFound()),
                primaries.stream().allMatch(p -> p.dataTypes().typeScanComplete()),
                primaries.stream().mapToLong(p -> p.dataTypes().hashesWithFieldTtl()).sum());
    }
}
