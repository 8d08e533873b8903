package dev.redismigrate.testkit;

import org.opentest4j.TestAbortedException;

/** The version cannot be had on this machine (e.g. no package registry): tests asking for it are skipped, not failed. */
public class VersionUnavailableException extends TestAbortedException {
    public VersionUnavailableException(String message) {
        super(message);
    }
}
