package dev.redismigrate.statemachine;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.functions.workflow.Outcome;
import dev.redismigrate.functions.workflow.OutcomeRequest;
import dev.redismigrate.functions.workflow.RunRecord;
import dev.redismigrate.functions.workflow.StepHandler;
import dev.redismigrate.functions.workflow.TaskRef;
import dev.redismigrate.functions.workflow.ValidationOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * Simple stand-ins for the real step handlers, registered under the same function keys, until the use cases for
 * validation, lock and parameters land (then functions' real handlers replace them and these go). Each does its step
 * for real against the test's Redis servers, through core's use cases where they exist: Validate (StartTask with a
 * test-controlled report), Lock (target claim + the ACL of user {@code app} loses {@code @write}), SetParameters /
 * RestoreParameters (CONFIG SET, the previous value stored first), Unlock, RecordOutcome.
 */
final class InTestSteps {
    /** A step that can be made to fail, to test the path that follows. */
    volatile boolean validationFindsError;
    volatile boolean restoreFails;

    private final TaskStore store;
    private final TargetClaim claims;
    private final Clock clock;

    InTestSteps(TaskStore store, TargetClaim claims, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.clock = clock;
    }

    void registerOn(LambdaBridge bridge) {
        bridge.register("ValidateFunctionArn", new Validate())
                .register("LockFunctionArn", new Lock())
                .register("SetParametersFunctionArn", new SetParameters())
                .register("RestoreParametersFunctionArn", new RestoreParameters())
                .register("UnlockFunctionArn", new Unlock())
                .register("RecordOutcomeFunctionArn", new Outcomes());
    }

    private static Jedis connect(RedisEndpoint endpoint) {
        return new Jedis(endpoint.host(), endpoint.port(), 5000);
    }

    private final class Validate extends StepHandler<TaskRef, ValidationOutcome> {
        Validate() {
            super(TaskRef.class);
        }

        @Override
        protected ValidationOutcome handle(TaskRef input) {
            StartTask start = new StartTask(store, task -> new ValidationReport(clock.instant(), List.of(validationFindsError
                    ? CheckResult.error("target.empty", "Target db0 holds 12 keys.")
                    : CheckResult.pass("target.empty", "The target is empty."))), clock);
            start.timeReached(input.taskId());
            ValidationReport report = start.validateAgain(input.taskId()).lastValidation();
            return new ValidationOutcome(!report.hasErrors(), report.count(CheckLevel.ERROR), report.count(CheckLevel.WARNING));
        }
    }

    private final class Lock extends StepHandler<TaskRef, Void> {
        Lock() {
            super(TaskRef.class);
        }

        @Override
        protected Void handle(TaskRef input) {
            MigrationTask task = store.find(input.taskId()).orElseThrow();
            claims.claim(task.target().endpoint().address(), task.id());
            try (Jedis target = connect(task.target().endpoint())) {
                LockRecord record = new LockRecord("default", target.aclList(), clock.instant());
                store.update(task.id(), t -> t.withLock(record, clock.instant()));
                target.aclSetUser("app", "-@write");
            }
            return null;
        }
    }

    private final class SetParameters extends StepHandler<TaskRef, Void> {
        SetParameters() {
            super(TaskRef.class);
        }

        @Override
        protected Void handle(TaskRef input) {
            MigrationTask task = store.find(input.taskId()).orElseThrow();
            try (Jedis source = connect(task.source().endpoint())) {
                List<ParameterSetting> settings = new ArrayList<>();
                for (ParameterSetting setting : task.parameters()) {
                    settings.add(setting.appliedOver(source.configGet(setting.name()).get(setting.name())));
                }
                store.update(task.id(), t -> t.withParameters(settings, clock.instant()));
                settings.forEach(s -> source.configSet(s.name(), s.requested()));
            }
            return null;
        }
    }

    private final class RestoreParameters extends StepHandler<TaskRef, Void> {
        RestoreParameters() {
            super(TaskRef.class);
        }

        @Override
        protected Void handle(TaskRef input) {
            if (restoreFails) {
                throw new IllegalStateException("CONFIG SET was refused by the source");
            }
            MigrationTask task = store.find(input.taskId()).orElseThrow();
            try (Jedis source = connect(task.source().endpoint())) {
                task.parameters().stream().filter(ParameterSetting::applied).forEach(s -> source.configSet(s.name(), s.previous()));
            }
            store.update(task.id(), t -> t.withParameters(t.parameters().stream().map(ParameterSetting::restored).toList(), clock.instant()));
            return null;
        }
    }

    private final class Unlock extends StepHandler<TaskRef, Void> {
        Unlock() {
            super(TaskRef.class);
        }

        @Override
        protected Void handle(TaskRef input) {
            MigrationTask task = store.find(input.taskId()).orElseThrow();
            if (task.lock() != null) {
                try (Jedis target = connect(task.target().endpoint())) {
                    // The saved rules applied over the locked ones: the lock only removed a category, and "+@all" or
                    // whatever came first in the saved rules sets the commands back (no "reset": on Redis 7 it adds a
                    // sanitize-payload flag the user did not have).
                    for (String rule : task.lock().savedAclRules()) {
                        String[] words = rule.split(" ");
                        target.aclSetUser(words[1], Arrays.copyOfRange(words, 2, words.length));
                    }
                }
                store.update(task.id(), t -> t.withLock(null, clock.instant()));
            }
            claims.release(task.target().endpoint().address(), task.id());
            return null;
        }
    }

    private final class Outcomes extends StepHandler<OutcomeRequest, Outcome> {
        Outcomes() {
            super(OutcomeRequest.class);
        }

        @Override
        protected Outcome handle(OutcomeRequest input) {
            RecordOutcome outcome = new RecordOutcome(store, clock);
            RunRecord run = input.run();
            MigrationTask task = store.find(input.taskId()).orElseThrow();
            TaskSummary none = new TaskSummary(0, 0, 0, Map.of(), Map.of());
            MigrationTask done;
            if (run.cancelled() || task.desired() == DesiredState.CANCEL) {
                done = outcome.cancelled(task.id(), run.sync() == null ? none : run.sync().summary());
            } else if (run.error() != null) {
                done = outcome.failed(task.id(), run.error().userMessage());
            } else if (run.restoreError() != null) {
                done = outcome.failed(task.id(), "the source parameters could not be restored: " + run.restoreError().userMessage());
            } else if (run.unlockError() != null) {
                done = outcome.failed(task.id(), "the target could not be unlocked: " + run.unlockError().userMessage());
            } else {
                done = outcome.finished(task.id(), run.sync().summary());
            }
            return new Outcome(done.status(), done.failure());
        }
    }
}
