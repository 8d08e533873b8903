package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.InstanceFacts.ClusterMode;
import dev.redismigrate.core.validation.Side;

/**
 * Is each side one server, as the engine needs. A Redis Cluster node passes every other check when it is empty or
 * healthy, and then fails the migration after the lock and the source's parameters are in place (a target node
 * answers MOVED for the slots it does not serve) or copies part of the data without a word (a source node replicates
 * only its own shard); so a cluster node is refused here, on either side.
 */
public final class TopologyChecks {
    private TopologyChecks() {
    }

    public static CheckResult source(InstanceFacts source) {
        return check(Check.SOURCE_TOPOLOGY, Side.SOURCE, source, "Replicating from one node copies only the slots of"
                + " its shard, so the target would silently receive a part of the data. Migrate from a standalone or"
                + " master-replica source.");
    }

    public static CheckResult target(InstanceFacts target) {
        return check(Check.TARGET_TOPOLOGY, Side.TARGET, target, "The sync would write to this one node as to a"
                + " standalone server, which refuses the keys of slots other nodes serve (MOVED) and transactions over"
                + " several slots (CROSSSLOT): the migration would stop after the target is locked and the source's"
                + " parameters are set. Migrate into a standalone or replication-group target (on ElastiCache: cluster"
                + " mode disabled).");
    }

    /** @param whyAndRemedy what a cluster node on this side would do to the migration, and what to use instead */
    private static CheckResult check(Check check, Side side, InstanceFacts facts, String whyAndRemedy) {
        var skipped = Prerequisite.unusable(check, side, facts);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        ClusterMode cluster = facts.cluster();
        if (cluster == null) {
            return check.skipped("not checked: the " + side.label() + " did not say whether it is a Redis Cluster node");
        }
        if (cluster.enabled()) {
            return check.error("The " + side.label() + " is a Redis Cluster node (" + describe(cluster) + "); cluster "
                    + side.label() + "s are not supported yet. " + whyAndRemedy);
        }
        return check.pass("The " + side.label() + " is not a Redis Cluster node.");
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
