package dev.redismigrate.core.task;

/** What a person asked the running sync to do; the runner sees it on its progress loop. */
public enum DesiredState {
    RUN, FINISH, CANCEL
}
