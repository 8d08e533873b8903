package dev.redismigrate.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values CloudFormation puts into the {@code ${...}} keys of {@code statemachine/migration.asl.json} at deploy
 * time: the ARN of each function the definition calls, by the key of its {@link MigrationFunction} row. (Where and how
 * the sync container runs is the start-sync function's environment, not the definition's.)
 */
public final class DefinitionSubstitutions {
    private DefinitionSubstitutions() {
    }

    public static Map<String, String> of(MigrationFunctions functions) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MigrationFunction row : MigrationFunction.values()) {
            row.substitutionKey().ifPresent(key -> values.put(key, functions.alias(row).getFunctionArn()));
        }
        return values;
    }
}
