package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.InstanceFacts.ClusterMode;
import dev.redismigrate.core.validation.Side;
import java.util.List;
import java.util.Map;

/**
 * What each side is. A Redis Cluster node on either side is followed to its primaries, provided the cluster serves
 * every slot and every primary can be used with that side's credentials: a source is replicated shard by shard (one
 * node alone holds only its shard's slots), a target gets each key on the primary serving its slot. Otherwise the
 * migration would copy a part of the data, or stop at the first refused write after the lock and the source's
 * parameters are in place.
 */
public final class TopologyChecks {
    private static final int SLOTS = 16384;

    private TopologyChecks() {
    }

    public static CheckResult source(InstanceFacts source) {
        return cluster(Check.SOURCE_TOPOLOGY, Side.SOURCE, source, new Wording(
                "find every primary and replicate each one's shard",
                "the keys of the slots no primary serves could not be copied",
                "The migration replicates every primary (PSYNC) with the source's user and password",
                "each primary's shard is replicated on its own (one sync per shard, side by side)"));
    }

    public static CheckResult target(InstanceFacts target) {
        return cluster(Check.TARGET_TOPOLOGY, Side.TARGET, target, new Wording(
                "send each key to the primary serving its slot",
                "writes of keys in the slots no primary serves would be refused and stop the migration",
                "The migration writes to every primary with the target's user and password",
                "each key is written to the primary serving its slot"));
    }

    /**
     * What differs between the sides in the messages of {@link #cluster}.
     *
     * @param slotsNeededTo  why the migration needs the cluster's state and slots
     * @param unservedSlots  what slots without a primary would do
     * @param everyPrimary   how the migration uses every primary
     * @param howUsed        how the primaries are used, once they all can be
     */
    private record Wording(String slotsNeededTo, String unservedSlots, String everyPrimary, String howUsed) {
    }

    /**
     * One server passes. A Redis Cluster node is followed to its primaries, provided the cluster serves every slot and
     * every primary can be used with this side's credentials.
     */
    private static CheckResult cluster(Check check, Side side, InstanceFacts facts, Wording wording) {
        var skipped = Prerequisite.unusable(check, side, facts);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        ClusterMode cluster = facts.cluster();
        String label = side.label();
        if (cluster == null) {
            return check.skipped("not checked: the " + label + " did not say whether it is a Redis Cluster node");
        }
        if (!cluster.enabled()) {
            return check.pass("The " + label + " is not a Redis Cluster node.");
        }
        if (cluster.state() == null) {
            return check.error("The " + label + " is a Redis Cluster node (" + describe(cluster) + "), but this user may"
                    + " not read its state and slots (CLUSTER INFO / CLUSTER SLOTS refused). The migration needs them to "
                    + wording.slotsNeededTo() + ". Give the " + label + " user +cluster|info and +cluster|slots (or"
                    + " +@slow).");
        }
        if (!"ok".equals(cluster.state()) || cluster.primaries() == null) {
            return check.error("The " + label + " is a Redis Cluster node (" + describe(cluster) + "), but the cluster"
                    + " does not serve all " + SLOTS + " slots: " + wording.unservedSlots() + ". Repair the cluster"
                    + " (assign every slot, bring its primaries back; redis-cli --cluster check / fix) until CLUSTER"
                    + " INFO shows cluster_state:ok, then validate again.");
        }
        Map<String, InstanceFacts> primaries = facts.clusterPrimaries();
        List<String> unusable = primaries.entrySet().stream().filter(e -> !e.getValue().usable())
                .map(e -> e.getKey() + " (" + e.getValue().problem() + ")").toList();
        if (!unusable.isEmpty()) {
            return check.error("The " + label + " is a Redis Cluster, but primar" + (unusable.size() == 1 ? "y " : "ies ")
                    + String.join(", ", unusable) + " could not be used with the " + label + "'s credentials. "
                    + wording.everyPrimary() + ", and ACL users are per node in Redis Cluster. Make every primary"
                    + " reachable from here and give each the same user and password, then validate again.");
        }
        InstanceFacts.Role role = facts.role();
        String followed = role != null && role.replica() ? " The node given is a replica of " + role.master()
                + ": the migration follows it to the primaries." : "";
        String names = primaries.isEmpty() ? "" : " (" + String.join(", ", primaries.keySet()) + ")";
        return check.pass("The " + label + " is a Redis Cluster (cluster_state:ok): " + cluster.primaries()
                + " primaries" + names + " serve all " + SLOTS + " slots; " + wording.howUsed() + "." + followed);
    }

    /**
     * What a cluster target changes in how the source's writes land. Whether the source's applications send
     * transactions or scripts over several slots, or write into another database, cannot be known before they do; so
     * a cluster target always warns, once, and says what the sync will do with each.
     */
    public static CheckResult clusterWrites(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_CLUSTER_WRITES;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (!target.isClusterNode()) {
            return check.pass("The target is one server: every transaction and script of the source is applied whole,"
                    + " in its database.");
        }
        Integer databases = source.databases();
        String configured = databases != null && databases > 1 ? " The source is configured with " + databases
                + " databases." : "";
        return check.warning("The target is a Redis Cluster. A MULTI/EXEC, script or MSETNX of the source whose keys lie"
                + " in several slots is applied slot by slot: each part atomically, the whole not (a reader of the"
                + " target may briefly see one part without the other). A cluster has db0 only: a write into another"
                + " database, SELECT of one, SWAPDB, MOVE, or a script that names no keys cannot be applied and stops"
                + " the sync." + configured + " Make sure the source's applications use db0 only during the migration;"
                + " keep the keys of one transaction under one hash tag ({...}) where its atomicity matters.");
    }

    /** {@code cluster_enabled:1, cluster_state:ok, 3 primaries}, with what the node told. */
    private static String describe(ClusterMode cluster) {
        StringBuilder text = new StringBuilder("cluster_enabled:1");
        if (cluster.state() != null) {
            text.append(", cluster_state:").append(cluster.state());
        }
        if (cluster.primaries() != null) {
            text.append(", ").append(cluster.primaries()).append(cluster.primaries() == 1 ? " primary" : " primaries");
        }
        return text.toString();
    }
}
