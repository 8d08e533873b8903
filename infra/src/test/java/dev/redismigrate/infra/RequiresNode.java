package dev.redismigrate.infra;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * CDK synthesis runs the construct library in Node through jsii: without Node the test is skipped, saying why,
 * instead of failing on a missing binary. Node comes from {@code JSII_NODE} (infra/pom.xml sets it to the Node 24
 * that {@code npm ci --prefix infra} installs) or from the PATH.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresNode.Condition.class)
@interface RequiresNode {

    final class Condition implements ExecutionCondition {
        private static final String ALL_TIERS_ENV = "REDIS_MIGRATE_ALL_TIERS";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = "CDK synthesis needs Node.js for jsii, and neither JSII_NODE nor a node on the PATH was"
                    + " found (run `npm ci --prefix infra`)";
            if (node().isEmpty() && "1".equals(System.getenv(ALL_TIERS_ENV))) {
                // CI: a skipped tier would let the run pass without it (testkit's TestTiers, which infra does not use).
                throw new IllegalStateException(missing + " (" + ALL_TIERS_ENV + "=1: every test tier must run here)");
            }
            return node()
                    .map(node -> ConditionEvaluationResult.enabled("jsii runs on " + node))
                    .orElse(ConditionEvaluationResult.disabled("skipped: " + missing));
        }

        static Optional<Path> node() {
            String configured = System.getenv("JSII_NODE");
            if (configured != null && !configured.isBlank()) {
                Path path = Path.of(configured);
                return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
            }
            String searchPath = System.getenv().getOrDefault("PATH", "");
            for (String dir : searchPath.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }
}
