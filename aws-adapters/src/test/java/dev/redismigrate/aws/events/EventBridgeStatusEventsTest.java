package dev.redismigrate.aws.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.port.StatusEvents.StatusChange;
import dev.redismigrate.core.port.StatusEvents;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class EventBridgeStatusEventsTest {
    private static final StatusChange FAILED = new StatusChange("k3xq7m2p9c4a", "orders", TaskStatus.FAILED,
            TaskStatus.SYNCING, "the source went away", Instant.parse("2026-12-06T10:00:00Z"));

    private final RecordedHttpClient http = new RecordedHttpClient();
    private final StatusEvents events = new EventBridgeStatusEvents(http.client(EventBridgeClient.builder()), "default");

    @Test
    void putsOneTaskStatusChangeEventOnTheBusWithTheTaskInItsDetail() throws Exception {
        http.answer(200, "events/put-events.json");

        events.announce(FAILED);

        JsonNode entry = TaskJson.mapper().readTree(http.requests().get(0).body()).get("Entries").get(0);
        assertThat(entry.get("EventBusName").asText()).isEqualTo("default");
        assertThat(entry.get("Source").asText()).isEqualTo("redis-migrate");
        assertThat(entry.get("DetailType").asText()).isEqualTo("Task Status Change");
        assertThat(TaskJson.mapper().readTree(entry.get("Detail").asText())).isEqualTo(TaskJson.mapper().readTree("""
                {"taskId": "k3xq7m2p9c4a", "name": "orders", "status": "FAILED", "previousStatus": "SYNCING",
                 "failure": "the source went away"}"""));
    }

    @Test
    void aRefusedEntryOrADeniedCallIsDroppedWithoutFailingTheStep() {
        http.answer(200, "events/put-events-failed-entry.json").answer(400, "events/error-access-denied.json");

        assertThatCode(() -> events.announce(FAILED)).doesNotThrowAnyException();
        assertThatCode(() -> events.announce(FAILED)).doesNotThrowAnyException();
        assertThat(http.requests()).hasSize(2);
    }

    @Test
    void withoutABusNothingIsAnnouncedAndNoClientIsBuilt() {
        StatusEvents none = EventBridgeStatusEvents.fromEnvironment(Map.of(), () -> {
            throw new AssertionError("no client without a bus");
        });
        assertThatCode(() -> none.announce(FAILED)).doesNotThrowAnyException();
    }
}
