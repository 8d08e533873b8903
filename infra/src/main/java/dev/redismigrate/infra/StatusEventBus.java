package dev.redismigrate.infra;

/**
 * Where task status changes are announced: the account's default EventBridge bus, source {@value #SOURCE},
 * detail-type "Task Status Change" (module aws-adapters: EventBridgeStatusEvents). Every role that stores task changes may
 * put them there; a user routes them with a rule of their own (docs/deployment.md).
 */
final class StatusEventBus {
    static final String NAME = "default";
    static final String SOURCE = "redis-migrate";
    /** Read by module aws-adapters (EventBridgeStatusEvents.BUS_ENV). */
    static final String BUS_ENV = "REDIS_MIGRATE_EVENT_BUS";

    private StatusEventBus() {
    }
}
