package dev.redismigrate.core.usecase;

import dev.redismigrate.core.endpoint.DnsAddressResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.port.AddressResolver;
import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.port.InstanceProbe;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TargetIdentity;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Reachability;
import dev.redismigrate.core.validation.Side;
import dev.redismigrate.core.validation.SourceSyncs;
import dev.redismigrate.core.validation.ValidationCatalogue;
import dev.redismigrate.core.validation.ValidationInputs;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the validation catalogue for a task: probes both instances, reads the other tasks, asks the cloud, and
 * returns the report. Changes nothing, neither on the instances nor in the store; the caller (CreateTask, StartTask,
 * the validate command) decides what the report means for the task.
 */
public final class ValidateTask implements TaskValidator {
    private final InstanceProbe probe;
    private final TaskStore store;
    private final CloudChecks cloud;
    private final SecretResolver secrets;
    private final AddressResolver addresses;
    private final Clock clock;

    public ValidateTask(InstanceProbe probe, TaskStore store, CloudChecks cloud, SecretResolver secrets,
                        AddressResolver addresses, Clock clock) {
        this.probe = probe;
        this.store = store;
        this.cloud = cloud;
        this.secrets = secrets;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** With the JVM's DNS resolver for the target's identity. */
    public ValidateTask(InstanceProbe probe, TaskStore store, CloudChecks cloud, SecretResolver secrets, Clock clock) {
        this(probe, store, cloud, secrets, new DnsAddressResolver(), clock);
    }

    @Override
    public ValidationReport validate(MigrationTask task) {
        CloudFindings findings = cloud.check(task);
        // A target the cloud API describes is a managed service that refuses administrative commands.
        boolean managed = findings.managedTarget() != null;
        InstanceFacts target = probe(task.target().endpoint(), password -> managed
                ? probe.probeManagedTarget(task.target().endpoint(), password)
                : probe.probe(task.target().endpoint(), password, Side.TARGET));
        // the target first: the source's search for data types skips what the target's version can hold
        InstanceFacts source = probe(task.source().endpoint(),
                password -> probe.probeSource(task.source().endpoint(), password, target.version()));
        List<MigrationTask> stored = null;
        String storeProblem = null;
        try {
            stored = store.list();
        } catch (RuntimeException e) {
            storeProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        ValidationInputs inputs = new ValidationInputs(task, source, target, stored, storeProblem, clock.instant(),
                TargetIdentity.of(task.target(), addresses, target.clusterPrimaries().keySet()),
                findings.managedTarget());
        List<CheckResult> results = new ArrayList<>(ValidationCatalogue.evaluate(inputs));
        results.addAll(findings.results());
        results.add(cloud.sourceShards(source));
        return new ValidationReport(clock.instant(), results, ValidationCatalogue.lockDecision(inputs).strategy(),
                inputs.targetIdentity(), SourceSyncs.of(source));
    }

    /** @param probing the probe, given the resolved password (null for none) */
    private InstanceFacts probe(RedisEndpoint endpoint, Function<String, InstanceFacts> probing) {
        String password;
        try {
            password = secrets.resolve(endpoint.password()).orElse(null);
        } catch (SecretUnavailableException e) {
            return InstanceFacts.unusable(Reachability.PASSWORD_UNAVAILABLE, e.getMessage(), false);
        }
        return probing.apply(password);
    }
}
