package dev.redismigrate.redisio.verify;

/** A key changed type or vanished while it was being compared: looked at again in the next round. */
final class KeyChangedException extends RuntimeException {
    KeyChangedException() {
        super("the key changed during the comparison", null, false, false);
    }
}
