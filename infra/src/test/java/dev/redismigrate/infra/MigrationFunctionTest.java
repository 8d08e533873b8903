package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationFunctionTest {
    @Test
    void handlersAreClassesOfTheFunctionsPackage() {
        assertThat(MigrationFunction.VALIDATE.handler())
                .isEqualTo("dev.redismigrate.functions.ValidateHandler::handleRequest");
        assertThat(Stream.of(MigrationFunction.values()).map(MigrationFunction::handler).distinct())
                .hasSize(MigrationFunction.values().length);
    }

    @Test
    void theFunctionsPeopleAndEventsCallHaveNoDefinitionKey() {
        for (MigrationFunction row : EnumSet.of(MigrationFunction.CREATE_TASK, MigrationFunction.SIGNAL,
                MigrationFunction.JANITOR)) {
            assertThat(row.substitutionKey()).isEmpty();
        }
        assertThat(Stream.of(MigrationFunction.values()).map(MigrationFunction::substitutionKey)
                .flatMap(Optional::stream).distinct()).hasSize(7);
    }

    @Test
    void startSyncStopsTheContainersItSupersedesWithinItsTimeoutAndOnlyItAndTheJanitorStopContainers() {
        assertThat(Stream.of(MigrationFunction.values()).filter(f -> f.may(FunctionPermission.STOP_SYNC_TASKS)))
                .containsExactlyInAnyOrder(MigrationFunction.START_SYNC, MigrationFunction.JANITOR);
        assertThat(MigrationFunction.START_SYNC.timeoutSeconds()).as("RunTask retries and the start watch, about 80 s")
                .isGreaterThanOrEqualTo(120).isLessThan(300);
    }

    @Test
    void onlyCreateTaskStartsExecutionsAndOnlySignalAndEditStopThem() {
        assertThat(Stream.of(MigrationFunction.values()).filter(f -> f.may(FunctionPermission.START_EXECUTIONS)))
                .containsExactly(MigrationFunction.CREATE_TASK);
        assertThat(Stream.of(MigrationFunction.values()).filter(f -> f.may(FunctionPermission.STOP_EXECUTIONS)))
                .as("an edit withdraws a scheduled task's waiting execution or schedule")
                .containsExactlyInAnyOrder(MigrationFunction.SIGNAL, MigrationFunction.EDIT_TASK);
    }
}
