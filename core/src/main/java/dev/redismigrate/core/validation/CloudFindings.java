package dev.redismigrate.core.validation;

import dev.redismigrate.core.elasticache.ManagedTarget;
import java.util.List;

/**
 * What the cloud part of validation found: its four results (in {@link dev.redismigrate.core.port.CloudChecks}'
 * order) and, for a target named by instance id and found, what the lock decision needs to know about it (null for
 * a target given as an endpoint, in local mode, or when the lookup failed).
 */
public record CloudFindings(List<CheckResult> results, ManagedTarget managedTarget) {
    public CloudFindings {
        results = List.copyOf(results);
    }
}
