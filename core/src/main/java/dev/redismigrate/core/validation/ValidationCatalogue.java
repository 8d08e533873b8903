package dev.redismigrate.core.validation;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.checks.ConnectivityChecks;
import dev.redismigrate.core.validation.checks.LockChecks;
import dev.redismigrate.core.validation.checks.OtherMigrationUsers;
import dev.redismigrate.core.validation.checks.ReplicationChecks;
import dev.redismigrate.core.validation.checks.TargetStateChecks;
import dev.redismigrate.core.validation.checks.TaskChecks;
import dev.redismigrate.core.validation.checks.TopologyChecks;
import dev.redismigrate.core.validation.checks.VersionChecks;
import dev.redismigrate.core.validation.checks.WholeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every local check over gathered facts, in catalogue order. Pure: the same inputs give the same results. The
 * cloud checks come from the {@code CloudChecks} port and are appended by the use case; what the cloud found about a
 * managed target feeds the lock decision.
 */
public final class ValidationCatalogue {
    private ValidationCatalogue() {
    }

    public static List<CheckResult> evaluate(ValidationInputs in) {
        MigrationTask task = in.task();
        InstanceFacts source = in.source();
        // a cluster source's primaries together, for the checks that weigh the source against the target
        InstanceFacts whole = WholeSource.of(source);
        InstanceFacts target = in.target();
        List<CheckResult> results = new ArrayList<>();
        results.addAll(ConnectivityChecks.of(Side.SOURCE, task.source().endpoint(), source));
        results.addAll(ConnectivityChecks.of(Side.TARGET, task.target().endpoint(), target));
        results.add(ConnectivityChecks.distinct(source, target));
        results.add(TopologyChecks.source(source));
        results.add(TopologyChecks.target(target));
        results.add(TopologyChecks.clusterWrites(whole, target));

        results.add(VersionChecks.source(source));
        results.add(VersionChecks.target(whole, target));
        results.add(VersionChecks.dataTypes(whole, target));

        results.add(ReplicationChecks.syncAllowed(source));
        results.add(ReplicationChecks.loading(source));
        results.add(ReplicationChecks.sourceRole(source));
        results.add(ReplicationChecks.targetRole(target));

        results.add(TargetStateChecks.empty(target));
        results.add(TargetStateChecks.password(task.target(), target));
        results.add(TargetStateChecks.memory(whole, target));
        results.add(TargetStateChecks.eviction(target));
        results.add(TargetStateChecks.databases(whole, target));
        results.add(TargetStateChecks.modules(whole, target));
        results.add(lockDecision(in).result());
        results.add(OtherMigrationUsers.check(task, target, in.managedTarget()));

        results.add(TaskChecks.targetFree(task, in.targetIdentity(), in.storedTasks(), in.storeProblem()));
        results.add(TaskChecks.parameters(task));
        results.add(TaskChecks.schedule(task, in.now()));
        return results;
    }

    /** How the target will be locked ({@code target.lockable} is its result). */
    public static LockChecks.LockDecision lockDecision(ValidationInputs in) {
        return LockChecks.decide(in.task().target(), in.target(), in.managedTarget());
    }
}
