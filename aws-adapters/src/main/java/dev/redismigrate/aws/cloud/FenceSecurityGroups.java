package dev.redismigrate.aws.cloud;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fence security group(s) of this installation, for the {@code network-fence} lock: the stack creates one that
 * admits only the functions and the sync container, and hands its id to the functions in {@value #ENV}
 * (comma-separated ids). None when the variable is unset: that lock is then not offered.
 */
public record FenceSecurityGroups(List<String> ids) {
    public static final String ENV = "REDIS_MIGRATE_FENCE_SECURITY_GROUPS";

    public FenceSecurityGroups {
        ids = List.copyOf(ids);
    }

    public static FenceSecurityGroups fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault(ENV, "");
        return new FenceSecurityGroups(Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList());
    }

    public static FenceSecurityGroups none() {
        return new FenceSecurityGroups(List.of());
    }

    public boolean available() {
        return !ids.isEmpty();
    }
}
