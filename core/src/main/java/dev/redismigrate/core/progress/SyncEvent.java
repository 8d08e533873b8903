package dev.redismigrate.core.progress;

import java.time.Instant;

/** A notable moment of the sync shown with its progress: a resume, a forced full resync, a reconnect, with why. */
public record SyncEvent(Instant at, String kind, String reason) {
}
