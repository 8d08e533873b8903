package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;
import software.constructs.IConstruct;

/** The synthesized template, checked as CloudFormation would receive it. */
@RequiresNode
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MigrationStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MigrationStack stack;
    private static Template template;
    private static JsonNode resources;
    private static IamStatements iam;
    private static AslDefinition definition;

    @BeforeAll
    static void synth() {
        stack = StackFixture.synth(StackFixture.context());
        template = Template.fromStack(stack);
        JsonNode json = JSON.valueToTree(template.toJSON());
        resources = json.path("Resources");
        iam = IamStatements.of(json);
        definition = AslDefinition.read(StackFixture.definition());
    }

    @Test
    void createsOneOfEachPieceAndOneFunctionRoleAndLogGroupPerRow() {
        int functions = MigrationFunction.values().length;
        template.resourceCountIs("AWS::Lambda::Function", functions);
        template.resourceCountIs("AWS::Lambda::Alias", functions);
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 1);
        template.resourceCountIs("AWS::ECR::Repository", 1);
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        template.resourceCountIs("AWS::Scheduler::Schedule", 0);
        // functions, the sync task and its execution, the state machine, the scheduler: no role is shared
        template.resourceCountIs("AWS::IAM::Role", functions + 4);
        template.resourceCountIs("AWS::Logs::LogGroup", functions + 2);
        // the migration's clients, the fence of the network-fence lock and the VPC endpoints' group; the user's own
        // groups are only imported
        template.resourceCountIs("AWS::EC2::SecurityGroup", 3);
        template.resourceCountIs("AWS::EC2::VPC", 0);
    }

    @Test
    void tableIsOnDemandWithPointInTimeRecoveryAndTtlAndOutlivesTheStack() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))));
    }

    @Test
    void deploysTheDefinitionFileAsWritten() throws IOException {
        assertThat(stateMachine().path("DefinitionString").asText())
                .isEqualTo(Files.readString(StackFixture.definition()));
    }

    @Test
    void everyKeyOfTheDefinitionHasAValueSoNoneIsLeftInTheDeployedDefinition() {
        String deployed = stateMachine().path("DefinitionString").asText();
        JsonNode substitutions = stateMachine().path("DefinitionSubstitutions");
        for (String key : (Iterable<String>) () -> substitutions.fieldNames()) {
            deployed = deployed.replace("${" + key + "}", "resolved");
        }
        assertThat(AslDefinition.of(StackFixture.definition(), deployed).substitutionKeys()).isEmpty();
        assertThat(definition.substitutionKeys()).isNotEmpty();
    }

    @Test
    void functionKeysPointAtTheFunctionAliases() {
        JsonNode substitutions = stateMachine().path("DefinitionSubstitutions");
        for (MigrationFunction row : MigrationFunction.values()) {
            row.substitutionKey().ifPresent(key -> assertThat(substitutions.path(key))
                    .as(key).isEqualTo(ref(stack.functions().alias(row))));
        }
    }

    @Test
    void syncStateHeartbeatsAndHandsTheStartSyncFunctionItsTaskIdAndToken() throws IOException {
        JsonNode deployed = JSON.readTree(stateMachine().path("DefinitionString").asText());
        List<JsonNode> syncStates = new ArrayList<>();
        // RunSync is a Map over the task's syncs: its iteration's state is the one that waits for a token
        deployed.path("States").path("RunSync").path("ItemProcessor").path("States").forEach(state -> {
            if (state.path("Resource").asText().endsWith(".waitForTaskToken")) {
                syncStates.add(state);
            }
        });
        assertThat(deployed.path("States").path("RunSync").path("Type").asText()).isEqualTo("Map");
        assertThat(deployed.toString().split("\\.waitForTaskToken", -1)).as("one state waits for a token").hasSize(2);
        assertThat(syncStates).hasSize(1);
        JsonNode sync = syncStates.get(0);
        assertThat(sync.path("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
        assertThat(sync.path("HeartbeatSeconds").asInt()).isPositive()
                .isLessThan(sync.path("TimeoutSeconds").asInt(Integer.MAX_VALUE));
        assertThat(sync.path("Parameters").path("FunctionName").asText()).isEqualTo("${StartSyncFunctionArn}");
        assertThat(sync.path("Parameters").path("Payload").path("taskToken.$").asText()).isEqualTo("$$.Task.Token");
        assertThat(sync.path("Parameters").path("Payload").path("shard.$").asText()).isEqualTo("$.shard");
        assertThat(deployed.toString()).doesNotContain("ecs:runTask").doesNotContain("Overrides");
    }

    @Test
    void startSyncFunctionIsToldWhereTheSyncRunsAndTheContainerNothingSecret() {
        JsonNode environment = functionProperties(MigrationFunction.START_SYNC).path("Environment").path("Variables");
        assertThat(environment.get("REDIS_MIGRATE_SYNC_CLUSTER")).isEqualTo(arn(stack.sync().cluster()));
        assertThat(environment.get("REDIS_MIGRATE_SYNC_TASK_DEFINITION")).isEqualTo(ref(stack.sync().taskDefinition()));
        assertThat(environment.get("REDIS_MIGRATE_SYNC_CONTAINER").asText()).isEqualTo("sync-runner");
        assertThat(environment.get("REDIS_MIGRATE_SYNC_SUBNETS").asText())
                .isEqualTo(StackFixture.SUBNET_A + "," + StackFixture.SUBNET_B);
        assertThat(environment.get("REDIS_MIGRATE_SYNC_SECURITY_GROUPS")).isEqualTo(JSON.valueToTree(Map.of("Fn::Join",
                List.of("", List.of(StackFixture.SECURITY_GROUP + ",", Map.of("Fn::GetAtt", List.of(
                        StackFixture.logicalId(stack.fence().clients()), "GroupId")))))));
        assertThat(environment.get("REDIS_MIGRATE_SYNC_ASSIGN_PUBLIC_IP").asText()).isEqualTo("false");
        assertThat(resources.path(StackFixture.logicalId(stack.sync().taskDefinition())).toString())
                .doesNotContain("TOKEN");
    }

    @Test
    void theRepositoryIsNamedByCloudFormationAndGoesWithTheStack() {
        template.hasResource("AWS::ECR::Repository", Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("RepositoryName", Match.absent()))));
    }

    @Test
    void everyRoleThatStoresTasksAnnouncesStatusChangesOnTheDefaultBusWithTheProjectsSourceOnly() {
        assertThat(iam.rolesAllowing("events:PutEvents")).isNotEmpty()
                .isEqualTo(iam.rolesAllowing("dynamodb:UpdateItem"));
        for (String role : iam.rolesAllowing("events:PutEvents")) {
            JsonNode put = single(iam.ofRole(role, "events:PutEvents"));
            assertThat(put.path("Condition").path("StringEquals").path("events:source").asText()).isEqualTo("redis-migrate");
            assertThat(single(IamStatements.resources(put)).toString()).contains(":event-bus/default");
        }
        assertThat(functionProperties(MigrationFunction.RECORD_OUTCOME).path("Environment").path("Variables")
                .path("REDIS_MIGRATE_EVENT_BUS").asText()).isEqualTo("default");
    }

    @Test
    void noPolicyGrantsAWildcardActionOnEveryResource() {
        assertThat(iam.all()).isNotEmpty();
        for (JsonNode statement : iam.all()) {
            boolean everyResource = IamStatements.resources(statement).stream().anyMatch(r -> r.asText().equals("*"));
            for (String action : IamStatements.actions(statement)) {
                assertThat(action).as("action of %s", statement).isNotEqualTo("*");
                if (everyResource) {
                    assertThat(action).as("action on Resource * in %s", statement).doesNotContain("*");
                }
            }
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.has("NotAction")).isFalse();
            assertThat(statement.has("NotResource")).isFalse();
        }
    }

    @Test
    void onlyTheSyncTaskMayAnswerTaskTokensAndOnlyOfTheMigrationStateMachine() {
        String taskRole = role(stack.sync().taskDefinition().getTaskRole());
        for (String action : List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat")) {
            assertThat(iam.rolesAllowing(action)).as(action).containsExactly(taskRole);
            assertThat(IamStatements.resources(single(iam.ofRole(taskRole, action))))
                    .containsExactly(ref(stack.workflow().stateMachine()));
        }
        assertThat(iam.all()).allSatisfy(statement -> assertThat(IamStatements.actions(statement))
                .noneMatch(action -> action.startsWith("states:SendTask") && action.endsWith("*")));
    }

    @Test
    void onlyTheRolesThatConnectToRedisReadPasswordsAndOnlyUnderThePrefix() {
        Set<String> expected = new TreeSet<>();
        expected.add(role(stack.sync().taskDefinition().getTaskRole()));
        for (MigrationFunction row : MigrationFunction.values()) {
            if (row.may(FunctionPermission.REDIS)) {
                expected.add(functionRole(row));
            }
        }
        assertThat(expected).hasSize(9);
        assertThat(iam.rolesAllowing("secretsmanager:GetSecretValue")).isEqualTo(expected);
        for (String role : expected) {
            for (JsonNode statement : iam.ofRole(role, "secretsmanager:GetSecretValue")) {
                assertThat(IamStatements.resources(statement)).singleElement()
                        .satisfies(arn -> assertThat(arn.toString()).endsWith(":secret:redis-migrate/*\"]]}"));
            }
        }
    }

    @Test
    void onlyTheStartSyncFunctionRunsTheSyncTaskDefinitionInItsClusterAndPassesOnlyItsTwoRoles() {
        String machineRole = functionRole(MigrationFunction.START_SYNC);
        assertThat(iam.rolesAllowing("ecs:RunTask")).containsExactly(machineRole);
        assertThat(iam.rolesAllowing("iam:PassRole")).as("the create-task function passes the scheduler role")
                .containsExactlyInAnyOrder(machineRole, functionRole(MigrationFunction.CREATE_TASK));

        JsonNode run = single(iam.ofRole(machineRole, "ecs:RunTask"));
        assertThat(IamStatements.resources(run)).containsExactly(ref(stack.sync().taskDefinition()));
        assertThat(run.path("Condition").path("ArnEquals").path("ecs:cluster")).isEqualTo(arn(stack.sync().cluster()));

        JsonNode pass = single(iam.ofRole(machineRole, "iam:PassRole"));
        assertThat(IamStatements.resources(pass)).containsExactlyInAnyOrder(
                arn(stack.sync().taskDefinition().getTaskRole()),
                arn(stack.sync().taskDefinition().getExecutionRole()));
        assertThat(pass.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
                .isEqualTo("ecs-tasks.amazonaws.com");
    }

    @Test
    void onlyStartSyncAndTheJanitorListSeeAndStopSyncContainersAndOnlyInTheSyncCluster() {
        Set<String> stoppers = Set.of(functionRole(MigrationFunction.START_SYNC), functionRole(MigrationFunction.JANITOR));
        for (String action : List.of("ecs:StopTask", "ecs:DescribeTasks", "ecs:ListTasks")) {
            assertThat(iam.rolesAllowing(action)).as(action).isEqualTo(stoppers);
        }
        for (String role : stoppers) {
            assertThat(single(IamStatements.resources(single(iam.ofRole(role, "ecs:StopTask")))).toString())
                    .contains(":task/").contains("/*");
            assertThat(single(iam.ofRole(role, "ecs:ListTasks")).path("Condition").path("ArnEquals").path("ecs:cluster"))
                    .isEqualTo(arn(stack.sync().cluster()));
        }
        assertThat(functionProperties(MigrationFunction.START_SYNC).path("Timeout").asInt())
                .isEqualTo(MigrationFunction.START_SYNC.timeoutSeconds());
    }

    @Test
    void stateMachineInvokesExactlyTheFunctionsItsDefinitionNames() {
        String machineRole = role(stack.workflow().stateMachine().getRole());
        Set<JsonNode> invoked = iam.ofRole(machineRole, "lambda:InvokeFunction").stream()
                .flatMap(statement -> IamStatements.resources(statement).stream())
                .collect(Collectors.toSet());
        Set<JsonNode> expected = Stream.of(MigrationFunction.values())
                .filter(row -> row.substitutionKey().filter(definition.substitutionKeys()::contains).isPresent())
                .map(row -> ref(stack.functions().alias(row)))
                .collect(Collectors.toSet());
        assertThat(expected).isNotEmpty();
        assertThat(invoked).isEqualTo(expected);
    }

    @Test
    void schedulerRoleIsForThisAccountsScheduleGroupAndMayOnlyStartThisStateMachine() {
        IRole schedulerRole = stack.starts().role();
        JsonNode role = resources.path(role(schedulerRole));
        JsonNode trust = single(list(role.path("Properties").path("AssumeRolePolicyDocument").path("Statement")));
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:SourceAccount"))
                .isEqualTo(JSON.valueToTree(Map.of("Ref", "AWS::AccountId")));
        assertThat(trust.path("Condition").path("ArnEquals").path("aws:SourceArn"))
                .isEqualTo(arn(stack.starts().group()));

        JsonNode start = single(iam.ofRole(role(schedulerRole)));
        assertThat(IamStatements.actions(start)).containsExactly("states:StartExecution");
        assertThat(IamStatements.resources(start)).containsExactly(ref(stack.workflow().stateMachine()));
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "RedisMigrate-starts"));
    }

    @Test
    void onlyCreateTaskStartsAndSchedulesAndOnlySignalAndEditStopExecutionsOfThisStateMachine() {
        String create = functionRole(MigrationFunction.CREATE_TASK);
        String signal = functionRole(MigrationFunction.SIGNAL);
        String edit = functionRole(MigrationFunction.EDIT_TASK);
        assertThat(iam.rolesAllowing("states:StartExecution")).containsExactlyInAnyOrder(create, role(stack.starts().role()));
        assertThat(iam.rolesAllowing("states:StopExecution")).containsExactlyInAnyOrder(signal, edit);
        assertThat(iam.rolesAllowing("scheduler:CreateSchedule")).containsExactly(create);
        assertThat(iam.rolesAllowing("scheduler:DeleteSchedule")).containsExactlyInAnyOrder(signal, edit);

        assertThat(IamStatements.resources(single(iam.ofRole(create, "states:StartExecution"))))
                .containsExactly(ref(stack.workflow().stateMachine()));
        assertThat(single(IamStatements.resources(single(iam.ofRole(signal, "states:StopExecution")))).toString())
                .contains(":execution:").contains(StackFixture.logicalId(stack.workflow().stateMachine())).contains(":*");
        assertThat(single(IamStatements.resources(single(iam.ofRole(create, "scheduler:CreateSchedule")))).toString())
                .contains(":schedule/").contains("/*");
        JsonNode pass = single(iam.ofRole(create, "iam:PassRole"));
        assertThat(IamStatements.resources(pass)).containsExactly(arn(stack.starts().role()));
        assertThat(pass.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
                .isEqualTo("scheduler.amazonaws.com");

        JsonNode createEnv = functionProperties(MigrationFunction.CREATE_TASK).path("Environment").path("Variables");
        assertThat(createEnv.path(MigrationFunctions.STATE_MACHINE_ENV)).isEqualTo(ref(stack.workflow().stateMachine()));
        assertThat(createEnv.path(MigrationFunctions.SCHEDULE_GROUP_ENV).asText()).isEqualTo("RedisMigrate-starts");
        assertThat(createEnv.path(MigrationFunctions.SCHEDULER_ROLE_ENV)).isEqualTo(arn(stack.starts().role()));
        JsonNode signalEnv = functionProperties(MigrationFunction.SIGNAL).path("Environment").path("Variables");
        assertThat(signalEnv.has(MigrationFunctions.STATE_MACHINE_ENV)).isTrue();
        assertThat(functionProperties(MigrationFunction.VALIDATE).path("Environment").path("Variables")
                .has(MigrationFunctions.STATE_MACHINE_ENV)).isFalse();
    }

    @Test
    void janitorRuleSendsBadEndingsOfThisStateMachineToTheJanitorAlias() {
        JsonNode janitor = ref(stack.functions().alias(MigrationFunction.JANITOR));
        JsonNode rule = single(ofType("AWS::Events::Rule")).path("Properties");
        JsonNode pattern = rule.path("EventPattern");
        assertThat(list(pattern.path("source"))).extracting(JsonNode::asText).containsExactly("aws.states");
        assertThat(list(pattern.path("detail-type"))).extracting(JsonNode::asText)
                .containsExactly("Step Functions Execution Status Change");
        assertThat(list(pattern.path("detail").path("status"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("ABORTED", "TIMED_OUT", "FAILED");
        assertThat(list(pattern.path("detail").path("stateMachineArn")))
                .containsExactly(ref(stack.workflow().stateMachine()));
        assertThat(single(list(rule.path("Targets"))).path("Arn")).isEqualTo(janitor);

        JsonNode permission = single(ofType("AWS::Lambda::Permission")).path("Properties");
        assertThat(permission.path("FunctionName")).isEqualTo(janitor);
        assertThat(permission.path("Principal").asText()).isEqualTo("events.amazonaws.com");
    }

    @Test
    void functionsRunTheHandlersOfTheTableWithSnapStartTracingAndTheVpcOnlyWhenTheyConnectToRedis() {
        for (MigrationFunction row : MigrationFunction.values()) {
            JsonNode function = resources.path(StackFixture.logicalId(stack.functions().function(row))).path("Properties");
            assertThat(function.path("Handler").asText()).isEqualTo(
                    "dev.redismigrate.functions." + row.logicalName() + "Handler::handleRequest");
            assertThat(function.path("Runtime").asText()).isEqualTo("java21");
            assertThat(function.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(function.path("TracingConfig").path("Mode").asText()).isEqualTo("Active");
            assertThat(function.path("Environment").path("Variables").path("REDIS_MIGRATE_TABLE"))
                    .isEqualTo(ref(stack.getNode().findChild("Tasks")));
            assertThat(function.has("VpcConfig")).as(row.name()).isEqualTo(row.may(FunctionPermission.REDIS));
            if (row.may(FunctionPermission.REDIS)) {
                assertThat(list(function.path("VpcConfig").path("SubnetIds"))).extracting(JsonNode::asText)
                        .containsExactly(StackFixture.SUBNET_A, StackFixture.SUBNET_B);
            }
        }
    }

    @Test
    void syncTaskSpoolsToEphemeralStorageAndKnowsItsTable() {
        JsonNode task = single(ofType("AWS::ECS::TaskDefinition")).path("Properties");
        assertThat(task.path("Cpu").asText()).isEqualTo("1024");
        assertThat(task.path("Memory").asText()).isEqualTo("2048");
        assertThat(task.path("EphemeralStorage").path("SizeInGiB").asInt()).isEqualTo(50);
        assertThat(list(task.path("RequiresCompatibilities"))).extracting(JsonNode::asText).containsExactly("FARGATE");
        JsonNode container = single(list(task.path("ContainerDefinitions")));
        assertThat(container.path("Name").asText()).isEqualTo("sync-runner");
        assertThat(container.path("LogConfiguration").path("LogDriver").asText()).isEqualTo("awslogs");
        assertThat(list(container.path("Environment")))
                .anySatisfy(variable -> {
                    assertThat(variable.path("Name").asText()).isEqualTo("REDIS_MIGRATE_TABLE");
                    assertThat(variable.path("Value")).isEqualTo(ref(stack.getNode().findChild("Tasks")));
                });
    }

    @Test
    void syncJvmCapsHeapMetadataAndDirectBuffersWithinTheTaskMemoryAndExitsWhenOutOfHeap() {
        JsonNode container = single(list(single(ofType("AWS::ECS::TaskDefinition")).path("Properties")
                .path("ContainerDefinitions")));
        assertThat(list(container.path("Environment")))
                .anySatisfy(variable -> {
                    assertThat(variable.path("Name").asText()).isEqualTo("JAVA_TOOL_OPTIONS");
                    assertThat(variable.path("Value").asText().split(" ")).containsExactlyInAnyOrder(
                            "-XX:MaxRAMPercentage=75", "-XX:MaxMetaspaceSize=128m", "-XX:MaxDirectMemorySize=64m",
                            "-XX:+ExitOnOutOfMemoryError");
                });
    }

    @Test
    void everyLogGroupHasARetentionAndTheStateMachineLogsAndTraces() {
        assertThat(ofType("AWS::Logs::LogGroup"))
                .allSatisfy(group -> assertThat(group.path("Properties").path("RetentionInDays").asInt()).isEqualTo(30));
        JsonNode machine = stateMachine();
        assertThat(machine.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
        assertThat(machine.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
        assertThat(machine.path("LoggingConfiguration").path("IncludeExecutionData").asBoolean()).isFalse();
        assertThat(machine.path("StateMachineType").asText()).isEqualTo("STANDARD");
    }

    @Test
    void outputsNameWhatAPersonNeedsAndTheStartCommands() {
        Map<String, Map<String, Object>> outputs = template.findOutputs("*");
        assertThat(outputs).containsKeys("StateMachineArn", "TaskTableName", "SyncClusterName",
                "SyncRunnerRepositoryUri", "SchedulerRoleArn", "ScheduleGroupName", "StartMigrationCommand",
                "ScheduleMigrationCommand", "MigrationSecurityGroupId", "FenceSecurityGroupId", "CreateTaskFunctionArn",
                "UnlockTargetFunctionArn");
        assertThat(JSON.valueToTree(outputs.get("StartMigrationCommand")).toString())
                .contains("aws stepfunctions start-execution --state-machine-arn ")
                .contains("--name mig-TASK_ID");
        assertThat(JSON.valueToTree(outputs.get("ScheduleMigrationCommand")).toString())
                .contains("aws scheduler create-schedule")
                .contains("at(2030-01-31T02:00:00)")
                .contains(ScheduledStarts.TARGET_ARN);
    }

    private static JsonNode functionProperties(MigrationFunction row) {
        return resources.path(StackFixture.logicalId(stack.functions().function(row))).path("Properties");
    }

    private static JsonNode stateMachine() {
        return single(ofType("AWS::StepFunctions::StateMachine")).path("Properties");
    }

    private static List<JsonNode> ofType(String type) {
        List<JsonNode> matching = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                matching.add(resource);
            }
        });
        return matching;
    }

    private static String role(IRole role) {
        return StackFixture.logicalId(role);
    }

    private static String functionRole(MigrationFunction row) {
        return role(stack.functions().function(row).getRole());
    }

    private static JsonNode ref(IConstruct construct) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("Ref", StackFixture.logicalId(construct));
        return ref;
    }

    private static JsonNode arn(IConstruct construct) {
        return JSON.valueToTree(Map.of("Fn::GetAtt", List.of(StackFixture.logicalId(construct), "Arn")));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
