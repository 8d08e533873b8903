package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AslDefinitionTest {
    private static final Path FILE = Path.of("migration.asl.json");

    @Test
    void findsEveryKeyOnce() {
        AslDefinition definition = AslDefinition.of(FILE, """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "${AFunctionArn}", "Next": "B"},
                  "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "${AFunctionArn}", "Payload": {"x.$": "States.StringSplit('${Ids}', ',')"}},
                        "End": true}}}
                """);
        assertThat(definition.substitutionKeys()).containsExactly("AFunctionArn", "Ids");
    }

    @Test
    void prosePlaceholdersAreNotKeys() {
        AslDefinition definition = AslDefinition.of(FILE, """
                {"Comment": "${...} are definition substitutions; ${not a key}", "StartAt": "A",
                 "States": {"A": {"Type": "Task", "Resource": "${Fn_Arn2}", "End": true}}}
                """);
        assertThat(definition.substitutionKeys()).containsExactly("Fn_Arn2");
    }

    @Test
    void aKeyWithoutAValueFailsNamingItAndWhatWasSupplied() {
        AslDefinition definition = AslDefinition.of(FILE, """
                {"Comment": "${Supplied} ${MissingOne} ${MissingTwo}", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}
                """);
        assertThatThrownBy(() -> definition.requireSubstitutions(Map.of("Supplied", "x", "Extra", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("migration.asl.json uses ${MissingOne}, ${MissingTwo} but the stack supplies no value for them")
                .hasMessageContaining("Supplied keys: [Extra, Supplied]");
    }

    @Test
    void allKeysSuppliedPasses() {
        AslDefinition definition = AslDefinition.of(FILE, """
                {"Comment": "${A}", "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}
                """);
        definition.requireSubstitutions(Map.of("A", "value"));
    }

    @Test
    void taskResourcesIncludeNestedStatesButNotOtherStatesResourceFields() {
        AslDefinition definition = AslDefinition.of(FILE, """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken", "End": true}}},
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {
                       "I": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "End": true}}}}}},
                    {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "Result": {"Resource": "not a task"}, "End": true}}}
                  ]}}}
                """);
        assertThat(definition.taskResources()).containsExactly(
                "arn:aws:states:::dynamodb:getItem", "arn:aws:states:::ecs:runTask.waitForTaskToken");
    }

    @Test
    void invalidJsonAndAMissingFileFailWithTheirPath() {
        assertThatThrownBy(() -> AslDefinition.of(FILE, "{\"StartAt\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("State machine definition migration.asl.json is not valid JSON");
        assertThatThrownBy(() -> AslDefinition.read(Path.of("target/no-such-definition.asl.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("State machine definition not found: ")
                .hasMessageContaining("-c definitionFile=PATH");
    }

    @Test
    void theRealDefinitionUsesTheKeysTheStackFills() {
        assertThat(AslDefinition.read(StackFixture.REAL_DEFINITION).substitutionKeys())
                .contains("ValidateFunctionArn", "StartSyncFunctionArn");
    }
}
