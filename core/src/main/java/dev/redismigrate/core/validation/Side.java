package dev.redismigrate.core.validation;

/** Which end of the migration a fact or a check is about. */
public enum Side {
    SOURCE, TARGET;

    /** "source" / "target", for messages. */
    public String label() {
        return name().toLowerCase();
    }
}
