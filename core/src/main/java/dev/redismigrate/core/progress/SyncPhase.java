package dev.redismigrate.core.progress;

/** Where the sync is. */
public enum SyncPhase {
    CONNECTING, FULL_SYNC, INCREMENTAL, DRAINING, STOPPED
}
