package dev.redismigrate.aws.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redismigrate.core.port.StatusEvents;
import dev.redismigrate.core.store.TaskJson;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@link StatusEvents} on an EventBridge bus (the account's default bus unless the stack says otherwise): one event
 * per change, source {@value #SOURCE}, detail-type {@value #DETAIL_TYPE}, detail
 * {@code {taskId, name, status, previousStatus, failure}}, so a rule can route e.g. every FAILED task to a topic. A
 * call that fails (after the SDK's own retries) or an entry the bus refuses is logged and dropped: the status is
 * already stored, and the task's record stays the truth.
 */
public final class EventBridgeStatusEvents implements StatusEvents {
    public static final String SOURCE = "redis-migrate";
    public static final String DETAIL_TYPE = "Task Status Change";
    /** The bus to put events on (name or ARN); set by the stack. Without it a composition announces nothing. */
    public static final String BUS_ENV = "REDIS_MIGRATE_EVENT_BUS";
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeStatusEvents.class);

    private final EventBridgeClient events;
    private final String bus;

    public EventBridgeStatusEvents(EventBridgeClient events, String bus) {
        this.events = events;
        this.bus = bus;
    }

    @Override
    public void announce(StatusChange change) {
        ObjectNode detail = TaskJson.mapper().createObjectNode()
                .put("taskId", change.taskId())
                .put("name", change.name())
                .put("status", change.status().name())
                .put("previousStatus", change.previousStatus() == null ? null : change.previousStatus().name())
                .put("failure", change.failure());
        try {
            PutEventsResponse response = events.putEvents(r -> r.entries(e -> e.eventBusName(bus).source(SOURCE)
                    .detailType(DETAIL_TYPE).time(change.at()).detail(TaskJson.write(detail))));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                LOG.warn("task {}: the {} event was refused by bus {} ({}); the status is stored", change.taskId(),
                        change.status(), bus, response.entries().get(0).errorCode());
            }
        } catch (SdkException e) {
            LOG.warn("task {}: could not announce {} on bus {} ({}); the status is stored", change.taskId(),
                    change.status(), bus, e.getClass().getSimpleName());
        }
    }

    /** The bus the stack names, or none. */
    public static StatusEvents fromEnvironment(Map<String, String> env, Supplier<EventBridgeClient> client) {
        String bus = env.get(BUS_ENV);
        return bus == null || bus.isBlank() ? StatusEvents.none() : new EventBridgeStatusEvents(client.get(), bus);
    }
}
