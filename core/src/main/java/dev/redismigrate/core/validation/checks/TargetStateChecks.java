package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.params.MemorySize;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Is the target ready to receive the source's data: empty, protected, big enough, able to hold it all. */
public final class TargetStateChecks {
    /** Below this share of maxmemory left free after the source's data, a WARNING. */
    private static final double HEADROOM = 0.20;

    private TargetStateChecks() {
    }

    public static CheckResult empty(InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_EMPTY, target, t -> emptyOf(t));
    }

    private static CheckResult emptyOf(InstanceFacts target) {
        Check check = Check.TARGET_EMPTY;
        var skipped = Prerequisite.unusable(check, Side.TARGET, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Map<Integer, DbKeyCount> used = new TreeMap<>();
        target.keyspace().forEach((db, count) -> {
            if (count.keys() > 0) {
                used.put(db, count);
            }
        });
        if (used.isEmpty()) {
            return check.pass("The target is empty in every database.");
        }
        String found = used.entrySet().stream()
                .map(e -> "db" + e.getKey() + " holds " + e.getValue().keys() + (e.getValue().keys() == 1 ? " key" : " keys"))
                .collect(Collectors.joining(", "));
        return check.error("Target " + found + ". The target must be empty so nothing is overwritten. Use an empty"
                + " instance or FLUSHALL it first.");
    }

    public static CheckResult password(TargetSpec spec, InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_PASSWORD, target, t -> passwordOf(spec, t));
    }

    private static CheckResult passwordOf(TargetSpec spec, InstanceFacts target) {
        Check check = Check.TARGET_PASSWORD;
        if (target.passwordRequired()) {
            return check.pass("The target requires a password.");
        }
        var skipped = Prerequisite.unusable(check, Side.TARGET, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (spec.isCloudInstance()) {
            return check.error("Target instance " + spec.instanceId() + " accepts commands without a password: its"
                    + " password was never initialised. Such an instance cannot be migrated into, since anyone who"
                    + " reaches it could read or change the migrated data. Initialise its password first, then give"
                    + " it for the target.");
        }
        return check.warning("The target accepts commands without a password. Anyone who reaches it can read or"
                + " change the migrated data. Set a password (requirepass, or an ACL user) before moving"
                + " applications to it.");
    }

    public static CheckResult memory(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_MEMORY;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Long used = source.memory() == null ? null : source.memory().used();
        Long max = maxMemory(target);
        if (used == null || max == null) {
            return check.warning("Could not read " + (used == null ? "the source's used_memory" : "the target's"
                    + " maxmemory") + ". If the data does not fit, the target refuses writes or evicts keys in the"
                    + " middle of the migration. Make sure the target's memory limit exceeds the source's used_memory"
                    + " by at least 20%.");
        }
        if (max == 0) {
            return check.pass("The target has no maxmemory limit" + (target.clusterPrimaries().isEmpty() ? ""
                    : " on any primary") + "; the source uses " + MemorySize.human(used) + ".");
        }
        if (used > max) {
            return check.error("The source uses " + MemorySize.human(used) + ", more than the target's maxmemory of "
                    + MemorySize.human(max) + summed(target) + ". The data cannot fit: the target would refuse writes (OOM) or evict"
                    + " keys. Choose a larger target, or raise its maxmemory to at least "
                    + MemorySize.human((long) Math.ceil(used / (1 - HEADROOM))) + ".");
        }
        if (used > max * (1 - HEADROOM)) {
            long free = max - used;
            return check.warning("The source uses " + MemorySize.human(used) + " of the target's maxmemory of "
                    + MemorySize.human(max) + summed(target) + ", leaving " + MemorySize.human(free) + " (" + Math.round(100.0 * free / max)
                    + "%). Writes during the migration and the target's own overhead need room: under 20% headroom it"
                    + " may run out of memory. Choose a target with maxmemory of at least "
                    + MemorySize.human((long) Math.ceil(used / (1 - HEADROOM))) + ".");
        }
        return check.pass("The source uses " + MemorySize.human(used) + " of the target's maxmemory of "
                + MemorySize.human(max) + summed(target) + ".");
    }

    /**
     * The target's maxmemory (0: no limit). A cluster's keys spread over its primaries by slot, so its limit is the sum
     * of theirs; a primary without a limit adds nothing to it while another has one (the limited ones may still fill
     * up), and the whole is unlimited only when none has a limit.
     */
    private static Long maxMemory(InstanceFacts target) {
        Map<String, InstanceFacts> primaries = target.clusterPrimaries();
        if (primaries.isEmpty()) {
            return target.memory() == null ? null : target.memory().max();
        }
        long sum = 0;
        for (InstanceFacts primary : primaries.values()) {
            Long max = primary.memory() == null ? null : primary.memory().max();
            if (max == null) {
                return null;
            }
            sum += max;
        }
        return sum;
    }

    /** Says that a cluster's maxmemory is a sum, after the number it qualifies. */
    private static String summed(InstanceFacts target) {
        int primaries = target.clusterPrimaries().size();
        return primaries == 0 ? "" : " (summed over its " + primaries + " primaries, which hold the keys of their"
                + " slots)";
    }

    public static CheckResult eviction(InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_EVICTION, target, t -> evictionOf(t));
    }

    private static CheckResult evictionOf(InstanceFacts target) {
        Check check = Check.TARGET_EVICTION;
        var skipped = Prerequisite.unusable(check, Side.TARGET, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        String policy = target.memory() == null ? null : target.memory().policy();
        if (policy == null) {
            return check.warning("Could not read the target's maxmemory-policy. With any policy but noeviction,"
                    + " migrated keys may be evicted when memory runs short. Make sure it is noeviction.");
        }
        Long max = target.memory().max();
        if (!policy.equals("noeviction") && max != null && max == 0) {
            return check.pass("The target's maxmemory-policy is " + policy + ", but it has no maxmemory limit, so"
                    + " nothing is evicted.");
        }
        if (!policy.equals("noeviction")) {
            return check.warning("The target's maxmemory-policy is " + policy + ". When its memory runs short, it"
                    + " silently evicts migrated keys and the copy is incomplete. Set maxmemory-policy to noeviction"
                    + " for the migration (a full target then fails loudly instead).");
        }
        return check.pass("The target's maxmemory-policy is noeviction.");
    }

    public static CheckResult databases(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_DATABASES;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (target.isClusterNode()) {
            return clusterDatabases(source);
        }
        OptionalInt highest = source.highestDbInUse();
        Integer available = target.databases();
        if (available == null) {
            return check.warning("Could not read how many databases the target has. Keys in a database the target"
                    + " lacks cannot be written. Make sure its 'databases' is above "
                    + (highest.isPresent() ? "db" + highest.getAsInt() : "the highest database the source uses") + ".");
        }
        if (highest.isPresent() && highest.getAsInt() >= available) {
            return check.error("The source holds keys in db" + highest.getAsInt() + ", but the target has only "
                    + available + (available == 1 ? " database (db0)" : " databases (db0-db" + (available - 1) + ")")
                    + ". Keys in a database the target lacks cannot be written. Raise 'databases' on the target to at"
                    + " least " + (highest.getAsInt() + 1) + ", or move those keys to lower databases on the source.");
        }
        Integer sourceDatabases = source.databases();
        if (sourceDatabases != null && sourceDatabases > available) {
            return check.warning("The source has " + sourceDatabases + " databases, the target " + available
                    + ". Keys written during the migration into db" + available + " or above cannot be copied and"
                    + " stop the sync. Raise 'databases' on the target to " + sourceDatabases + ", or make sure no"
                    + " application uses those databases.");
        }
        return check.pass("The target has " + available + " databases"
                + (highest.isPresent() ? "; the source uses up to db" + highest.getAsInt() : "") + ".");
    }

    /** A Redis Cluster has db0 only: keys the source holds elsewhere have nowhere to go. */
    private static CheckResult clusterDatabases(InstanceFacts source) {
        Check check = Check.TARGET_DATABASES;
        List<String> others = new TreeMap<>(source.keyspace()).entrySet().stream()
                .filter(e -> e.getKey() != 0 && e.getValue().keys() > 0)
                .map(e -> "db" + e.getKey() + " (" + e.getValue().keys() + (e.getValue().keys() == 1 ? " key)" : " keys)"))
                .toList();
        if (!others.isEmpty()) {
            return check.error("The source holds keys in " + String.join(", ", others) + ", but the target is a Redis"
                    + " Cluster, which has one database (db0): those keys cannot be written, and the migration would"
                    + " stop. Move them into db0 on the source (MOVE, or your application), or migrate them separately"
                    + " into a standalone target.");
        }
        return check.pass("The target is a Redis Cluster, which has one database (db0); the source holds keys in db0"
                + " only.");
    }

    public static CheckResult modules(InstanceFacts source, InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_MODULES, target, t -> modulesOf(source, t));
    }

    private static CheckResult modulesOf(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_MODULES;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (source.modules() == null) {
            return check.warning("Could not list the source's modules (MODULE LIST refused). Keys of a module type"
                    + " cannot be written to a target without that module. Check 'MODULE LIST' on both sides.");
        }
        if (source.modules().isEmpty()) {
            return check.pass("The source uses no modules.");
        }
        if (target.modules() == null) {
            return check.warning("The source loads " + String.join(", ", source.modules()) + ", but the target's"
                    + " modules could not be listed. Keys of a module type cannot be written to a target without"
                    + " that module. Make sure the target loads the same modules.");
        }
        List<String> missing = new ArrayList<>(source.modules());
        missing.removeAll(target.modules());
        if (!missing.isEmpty()) {
            return check.error("The source loads module(s) " + String.join(", ", missing) + " that the target lacks."
                    + " Keys of a module type cannot be written to a target without that module, and the sync would"
                    + " fail. Load the same modules on the target (loadmodule), or use a target that has them.");
        }
        return check.pass("The target loads every module of the source (" + String.join(", ", source.modules()) + ").");
    }
}
