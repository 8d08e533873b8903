package dev.redismigrate.core.verify;

/**
 * A progress report of a running verification, a few times a second.
 *
 * @param done keys handled in this phase
 * @param total keys to handle in this phase (from DBSIZE; -1 when unknown)
 * @param differences differences seen so far, not yet re-checked
 * @param opsPerSecond commands per second sent to both servers together, since the start
 */
public record VerifyProgress(VerifyPhase phase, int round, long done, long total, long differences, double opsPerSecond) {
}
