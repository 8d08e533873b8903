package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.testkit.NodeTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** asl-validator (npm) over the definition CDK deploys; skipped where Node or node_modules is missing. */
@Timeout(60)
class MigrationDefinitionLintTest {
    private record Lint(int exitCode, String output) {
    }

    @Test
    void theDefinitionIsValidAmazonStatesLanguage() throws Exception {
        Lint lint = lint(MigrationDefinition.path());
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void theLinterRejectsABrokenDefinition(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, MigrationDefinition.text().replace("\"Next\": \"SetParameters\"", "\"Next\": \"NoSuchState\""));
        Lint lint = lint(broken);
        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("NoSuchState");
    }

    @Test
    void theSubstitutionKeysAreTheOnesTheStackSupplies() {
        // Changing this set means changing the CDK stack and the table in docs/workflow.md as well.
        assertThat(MigrationDefinition.substitutionKeys()).containsExactlyInAnyOrder(
                "ValidateFunctionArn", "LockFunctionArn", "SetParametersFunctionArn", "RestoreParametersFunctionArn",
                "UnlockFunctionArn", "RecordOutcomeFunctionArn", "StartSyncFunctionArn");
    }

    private static Lint lint(Path definition) throws IOException, InterruptedException {
        NodeTools node = NodeTools.require("asl-validator");
        Process p = node.command(node.module("asl-validator").resolve("dist/bin/asl-validator.js"),
                "--json-path", definition.toString()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("asl-validator did not finish: " + output);
        }
        return new Lint(p.exitValue(), output);
    }
}
