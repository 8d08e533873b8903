package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Reachability;
import dev.redismigrate.core.validation.Side;
import java.util.Optional;

/** A check about an instance we could not use is SKIPPED, pointing at the check that says why. */
final class Prerequisite {
    private Prerequisite() {
    }

    static Optional<CheckResult> unusable(Check check, Side side, InstanceFacts facts) {
        if (facts.usable()) {
            return Optional.empty();
        }
        return Optional.of(check.skipped("not checked: the " + side.label() + " could not be used (see "
                + side.label() + "." + failedStep(facts.reachability()) + ")"));
    }

    static Optional<CheckResult> unusable(Check check, InstanceFacts source, InstanceFacts target) {
        return unusable(check, Side.SOURCE, source).or(() -> unusable(check, Side.TARGET, target));
    }

    private static String failedStep(Reachability reachability) {
        if (!reachability.connected() && reachability != Reachability.PASSWORD_UNAVAILABLE) {
            return "reachable";
        }
        return reachability.speaksRedis() || reachability == Reachability.PASSWORD_UNAVAILABLE ? "auth" : "speaks-redis";
    }
}
