package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the lock strategies of ElastiCache targets may do, in the synthesized template: which roles may read and change
 * users, user groups and replication groups, on which resources, and the fence security group.
 */
@RequiresNode
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LockPermissionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MigrationStack stack;
    private static JsonNode resources;
    private static IamStatements iam;

    @BeforeAll
    static void synth() {
        stack = StackFixture.synth(StackFixture.context());
        JsonNode json = JSON.valueToTree(software.amazon.awscdk.assertions.Template.fromStack(stack).toJSON());
        resources = json.path("Resources");
        iam = IamStatements.of(json);
    }

    @Test
    void validationReadsTargetsUsersAndServerlessCachesAndChangesNothing() {
        Set<String> validating = roles(MigrationFunction.CREATE_TASK, MigrationFunction.EDIT_TASK, MigrationFunction.VALIDATE);
        for (String action : List.of("elasticache:DescribeServerlessCaches", "ec2:DescribeInstances")) {
            assertThat(iam.rolesAllowing(action)).as(action).isEqualTo(validating);
        }
        for (String role : validating) {
            assertThat(iam.ofRole(role)).flatMap(IamStatements::actions)
                    .filteredOn(action -> action.startsWith("elasticache:"))
                    .allMatch(action -> action.startsWith("elasticache:Describe"));
        }
    }

    @Test
    void onlyLockUnlockAndTheJanitorChangeUsersUserGroupsAndSecurityGroups() {
        Set<String> locking = roles(MigrationFunction.LOCK_TARGET, MigrationFunction.UNLOCK_TARGET, MigrationFunction.JANITOR);
        for (String action : List.of("elasticache:CreateUser", "elasticache:DeleteUser", "elasticache:ModifyUserGroup",
                "elasticache:ModifyReplicationGroup")) {
            assertThat(iam.rolesAllowing(action)).as(action).isEqualTo(locking);
        }
        Set<String> modifyingUsers = new TreeSet<>(locking);
        modifyingUsers.add(StackFixture.logicalId(stack.sync().taskDefinition().getTaskRole()));
        assertThat(iam.rolesAllowing("elasticache:ModifyUser")).isEqualTo(modifyingUsers);
        for (String role : locking) {
            assertThat(iam.rolesAllowing("elasticache:DescribeUsers")).contains(role);
        }
    }

    @Test
    void theMigrationCreatesAndDeletesOnlyItsOwnUsers() {
        List<JsonNode> statements = new ArrayList<>(iam.all().stream()
                .filter(s -> IamStatements.actions(s).contains("elasticache:CreateUser")
                        || IamStatements.actions(s).contains("elasticache:DeleteUser")).toList());
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(IamStatements.actions(statement)).containsExactlyInAnyOrder("elasticache:CreateUser", "elasticache:DeleteUser");
            assertThat(IamStatements.resources(statement)).singleElement()
                    .satisfies(arn -> assertThat(arn.toString()).contains(":elasticache:").endsWith(":user:redis-migrate-*\"]]}"));
        });
        JsonNode syncRegrant = single(iam.ofRole(StackFixture.logicalId(stack.sync().taskDefinition().getTaskRole()),
                "elasticache:ModifyUser"));
        assertThat(IamStatements.resources(syncRegrant)).singleElement()
                .satisfies(arn -> assertThat(arn.toString()).endsWith(":user:redis-migrate-*\"]]}"));
    }

    @Test
    void changesAreLimitedToElastiCacheResourcesAndSecurityGroupsOfThisAccountAndRegion() {
        for (String action : List.of("elasticache:ModifyUser", "elasticache:ModifyUserGroup", "elasticache:ModifyReplicationGroup")) {
            assertThat(iam.all().stream().filter(s -> IamStatements.actions(s).contains(action)))
                    .as(action).isNotEmpty().allSatisfy(statement -> assertThat(IamStatements.resources(statement))
                            .allSatisfy(arn -> assertThat(arn.toString()).doesNotContain("\"*\"")
                                    .contains("AWS::Region").contains("AWS::AccountId")));
        }
        JsonNode swap = single(iam.ofRole(role(MigrationFunction.LOCK_TARGET), "elasticache:ModifyReplicationGroup"));
        assertThat(IamStatements.resources(swap)).extracting(JsonNode::toString).satisfiesExactly(
                groups -> assertThat(groups).endsWith(":replicationgroup:*\"]]}"),
                clusters -> assertThat(clusters).endsWith(":cluster:*\"]]}"),
                securityGroups -> assertThat(securityGroups).contains(":ec2:").endsWith(":security-group/*\"]]}"));
        assertThat(iam.all()).flatMap(IamStatements::actions)
                .noneMatch(action -> action.startsWith("ec2:") && !action.startsWith("ec2:Describe"));
    }

    @Test
    void theFenceAdmitsTheRedisPortOnlyFromTheMigrationsOwnGroupAndSendsNothing() {
        String clients = StackFixture.logicalId(stack.fence().clients());
        JsonNode fence = resources.path(StackFixture.logicalId(stack.fence().fence())).path("Properties");
        List<JsonNode> ingress = new ArrayList<>();
        fence.path("SecurityGroupIngress").forEach(ingress::add);
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::EC2::SecurityGroupIngress")) {
                ingress.add(resource.path("Properties"));
            }
        });
        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(rule.path("IpProtocol").asText()).isEqualTo("tcp");
            assertThat(rule.path("FromPort").asInt()).isEqualTo(6379);
            assertThat(rule.path("ToPort").asInt()).isEqualTo(6379);
            assertThat(rule.path("SourceSecurityGroupId").toString()).contains(clients);
            assertThat(rule.has("CidrIp")).isFalse();
        });
        assertThat(fence.path("SecurityGroupEgress")).allSatisfy(rule ->
                assertThat(rule.path("CidrIp").asText()).isEqualTo("255.255.255.255/32"));
        JsonNode clientGroup = resources.path(clients).path("Properties");
        assertThat(clientGroup.path("SecurityGroupIngress").isMissingNode()).isTrue();
    }

    @Test
    void functionsThatValidateLockOrUnlockKnowTheFenceAndRunInTheMigrationsGroup() {
        String fence = StackFixture.logicalId(stack.fence().fence());
        String clients = StackFixture.logicalId(stack.fence().clients());
        for (MigrationFunction row : MigrationFunction.values()) {
            JsonNode function = resources.path(StackFixture.logicalId(stack.functions().function(row))).path("Properties");
            boolean knowsFence = row.may(FunctionPermission.CLOUD_LOOKUPS) || row.may(FunctionPermission.LOCK_MANAGED_TARGETS);
            JsonNode variable = function.path("Environment").path("Variables").path(LockFence.FENCE_ENV);
            assertThat(variable.isMissingNode()).as(row.name()).isEqualTo(!knowsFence);
            if (knowsFence) {
                assertThat(variable.toString()).as(row.name()).contains(fence).contains("GroupId");
            }
            if (row.may(FunctionPermission.REDIS)) {
                assertThat(function.path("VpcConfig").path("SecurityGroupIds").toString()).as(row.name())
                        .contains(StackFixture.SECURITY_GROUP).contains(clients);
            }
        }
    }

    private static Set<String> roles(MigrationFunction... rows) {
        Set<String> roles = new TreeSet<>();
        for (MigrationFunction row : rows) {
            roles.add(role(row));
        }
        return roles;
    }

    private static String role(MigrationFunction row) {
        return StackFixture.logicalId(stack.functions().function(row).getRole());
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
