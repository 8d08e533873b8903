package dev.redismigrate.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Everything a deployment is told from outside, read from CDK context ({@code -c key=value} or {@code cdk.json}).
 * Nothing is looked up in the account at synth time, so {@code cdk synth} works offline: the VPC, its subnets and
 * security groups are given by id.
 *
 * @param vpcId the user's VPC, where the source VM and the target are reachable
 * @param subnetIds subnets for the sync-runner task and the functions that connect to Redis; they need a route to
 *                  AWS APIs: the stack's VPC endpoints ({@code vpcEndpoints}), a NAT gateway, or public subnets with
 *                  {@code assignPublicIp}
 * @param securityGroupIds security groups that the source's and the target's inbound rules admit
 * @param assignPublicIp give the sync-runner task a public IP (public subnets without NAT)
 * @param secretPrefix name prefix of the Secrets Manager secrets that hold task passwords
 * @param syncRunnerImageTag the tag Jib pushes to the stack's ECR repository
 * @param syncRunnerEphemeralStorageGiB task disk for snapshot spooling (21-200 GiB on Fargate)
 * @param logRetention how long every log group keeps logs: a name of CDK's {@code RetentionDays} (ONE_MONTH, ...)
 * @param fenceSecurityGroupId an existing security group to use as the {@code network-fence} lock's fence instead of
 *                             the one the stack creates; null for the stack's own
 * @param fencePorts the ports the stack's fence group admits from the migration (the targets' Redis ports)
 * @param vpcEndpoints create the VPC endpoints the functions and the sync-runner need ({@link VpcEndpoints}); off
 *                     when the subnets reach AWS APIs another way (NAT, endpoints the VPC has already)
 * @param routeTableIds the route tables of the subnets, for the DynamoDB and S3 gateway endpoints (required when
 *                      {@code vpcEndpoints} is on: an imported subnet does not say which table it uses)
 * @param lagAlarmSeconds replication lag, in seconds, above which the lag alarm fires; 0 for no alarm
 * @param lagAlarmMinutes how many consecutive minutes the lag must stay above the threshold
 */
public record DeploymentSettings(
        String vpcId,
        List<String> subnetIds,
        List<String> securityGroupIds,
        boolean assignPublicIp,
        Path functionsZip,
        Path definitionFile,
        String secretPrefix,
        String syncRunnerImageTag,
        int syncRunnerCpu,
        int syncRunnerMemoryMiB,
        int syncRunnerEphemeralStorageGiB,
        boolean syncRunnerArm64,
        String logRetention,
        String fenceSecurityGroupId,
        PortRange fencePorts,
        boolean vpcEndpoints,
        List<String> routeTableIds,
        int lagAlarmSeconds,
        int lagAlarmMinutes) {

    public static final String DEFAULT_FUNCTIONS_ZIP = "../functions/target/functions.zip";
    public static final String DEFAULT_DEFINITION_FILE = "../statemachine/migration.asl.json";

    /** TCP ports {@code from} to {@code to}, both included. */
    public record PortRange(int from, int to) {
        public PortRange {
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("Context value 'fencePorts' must be a port or a range such as"
                        + " 6379-6380 (1-65535), not " + from + "-" + to);
            }
        }
    }

    public DeploymentSettings {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        routeTableIds = List.copyOf(routeTableIds);
        if (vpcEndpoints && routeTableIds.isEmpty()) {
            throw new IllegalArgumentException("Missing context value 'routeTableIds': the route tables of the subnets,"
                    + " for the DynamoDB and S3 gateway endpoints (e.g. -c routeTableIds=rtb-aaa,rtb-bbb), or"
                    + " -c vpcEndpoints=false when the subnets reach AWS another way (see docs/deployment.md)");
        }
        if (lagAlarmSeconds < 0 || lagAlarmMinutes < 1) {
            throw new IllegalArgumentException("Context values 'lagAlarmSeconds' (0 for no alarm, or more) and"
                    + " 'lagAlarmMinutes' (1 or more) cannot be " + lagAlarmSeconds + " and " + lagAlarmMinutes);
        }
        fenceSecurityGroupId = fenceSecurityGroupId == null || fenceSecurityGroupId.isBlank() ? null : fenceSecurityGroupId.trim();
    }

    /** Reads the settings from a context lookup ({@code node::tryGetContext}); unknown values fail with one clear line. */
    public static DeploymentSettings fromContext(Function<String, Object> context) {
        ContextReader read = new ContextReader(context);
        return new DeploymentSettings(
                read.required("vpcId", "the id of the VPC to run in, e.g. -c vpcId=vpc-0123456789abcdef0"),
                read.requiredList("subnetIds", "subnets (comma-separated) that reach the source and the target, e.g. -c subnetIds=subnet-aaa,subnet-bbb"),
                read.requiredList("securityGroupIds", "security groups (comma-separated) that the source and the target admit, e.g. -c securityGroupIds=sg-0123"),
                read.bool("assignPublicIp", false),
                Path.of(read.text("functionsZip", DEFAULT_FUNCTIONS_ZIP)),
                Path.of(read.text("definitionFile", DEFAULT_DEFINITION_FILE)),
                read.text("secretPrefix", "redis-migrate/"),
                read.text("syncRunnerImageTag", "latest"),
                read.integer("syncRunnerCpu", 1024),
                read.integer("syncRunnerMemoryMiB", 2048),
                read.integer("syncRunnerEphemeralStorageGiB", 50),
                read.bool("syncRunnerArm64", false),
                read.text("logRetention", "ONE_MONTH"),
                read.text("fenceSecurityGroupId", null),
                read.portRange("fencePorts", "6379"),
                read.bool("vpcEndpoints", true),
                read.list("routeTableIds"),
                read.integer("lagAlarmSeconds", 60),
                read.integer("lagAlarmMinutes", 5));
    }

    private record ContextReader(Function<String, Object> context) {
        String required(String key, String what) {
            String value = text(key, null);
            if (value == null || value.isBlank()) {
                throw missing(key, what);
            }
            return value.trim();
        }

        List<String> requiredList(String key, String what) {
            List<String> ids = list(key);
            if (ids.isEmpty()) {
                throw missing(key, what);
            }
            return ids;
        }

        /** A comma-separated value (or a JSON list in cdk.json); empty when not given. */
        List<String> list(String key) {
            Object value = context.apply(key);
            List<String> items = value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : value == null ? List.of() : Arrays.asList(String.valueOf(value).split(","));
            return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        String text(String key, String fallback) {
            Object value = context.apply(key);
            return value == null ? fallback : String.valueOf(value);
        }

        boolean bool(String key, boolean fallback) {
            String value = text(key, null);
            if (value == null) {
                return fallback;
            }
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Context value '" + key + "' must be true or false, not '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        PortRange portRange(String key, String fallback) {
            String value = text(key, fallback).trim();
            String[] ends = value.split("-", 2);
            try {
                int from = Integer.parseInt(ends[0].trim());
                return new PortRange(from, ends.length == 1 ? from : Integer.parseInt(ends[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Context value '" + key + "' must be a port or a range such as"
                        + " 6379-6380, not '" + value + "'");
            }
        }

        int integer(String key, int fallback) {
            Object value = context.apply(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Number number) {
                return number.intValue();
            }
            try {
                return Integer.parseInt(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Context value '" + key + "' must be a whole number, not '" + value + "'");
            }
        }

        private static IllegalArgumentException missing(String key, String what) {
            return new IllegalArgumentException("Missing context value '" + key + "': " + what
                    + " (see docs/deployment.md)");
        }
    }
}
