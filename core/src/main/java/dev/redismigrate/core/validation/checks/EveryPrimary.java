package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A check of the target over a Redis Cluster is the same check on each primary, since the migration writes to each:
 * the worst level wins and the message names the primaries it is about ("On primary 10.0.0.7:6379: target db0 holds
 * 3 keys. ..."). Primaries that say the same are named together, so a healthy cluster gives one sentence. For
 * anything but a cluster the check runs on the side as it is; a cluster source is judged the same way (each primary is
 * replicated).
 */
final class EveryPrimary {
    /** Which level a combined result takes: an ERROR anywhere is an ERROR. */
    private static final List<CheckLevel> SEVERITY = List.of(CheckLevel.PASS, CheckLevel.SKIPPED, CheckLevel.WARNING,
            CheckLevel.ERROR);

    private EveryPrimary() {
    }

    static CheckResult judge(Check check, InstanceFacts target, Function<InstanceFacts, CheckResult> onOne) {
        return judge(check, Side.TARGET, target, onOne);
    }

    /** The same for either side: a cluster source's primaries are each replicated, so each is checked too. */
    static CheckResult judge(Check check, Side side, InstanceFacts facts, Function<InstanceFacts, CheckResult> onOne) {
        Map<String, InstanceFacts> primaries = facts.clusterPrimaries();
        if (primaries.isEmpty()) {
            return onOne.apply(facts);
        }
        Map<String, CheckResult> results = new LinkedHashMap<>();
        String topology = side == Side.SOURCE ? Check.SOURCE_TOPOLOGY.id() : Check.TARGET_TOPOLOGY.id();
        primaries.forEach((address, primary) -> results.put(address, primary.usable() ? onOne.apply(primary)
                : check.skipped("not checked: primary " + address + " could not be used (see " + topology + ")")));
        return combine(check, results);
    }

    /** One result from those of each primary, by {@code host:port}. */
    static CheckResult combine(Check check, Map<String, CheckResult> byPrimary) {
        CheckLevel worst = byPrimary.values().stream().map(CheckResult::level)
                .max(Comparator.comparingInt(SEVERITY::indexOf)).orElseThrow();
        Map<String, List<String>> primariesByMessage = new LinkedHashMap<>();
        byPrimary.forEach((address, result) -> {
            if (result.level() == worst) {
                primariesByMessage.computeIfAbsent(result.message(), m -> new ArrayList<>()).add(address);
            }
        });
        String message;
        if (primariesByMessage.size() == 1 && primariesByMessage.values().iterator().next().size() == byPrimary.size()) {
            message = "On each of the " + byPrimary.size() + " primaries: "
                    + lowerFirst(primariesByMessage.keySet().iterator().next());
        } else {
            message = primariesByMessage.entrySet().stream()
                    .map(e -> "On primar" + (e.getValue().size() == 1 ? "y " : "ies ") + String.join(", ", e.getValue())
                            + ": " + lowerFirst(e.getKey()))
                    .collect(Collectors.joining(" "));
        }
        return new CheckResult(check.id(), worst, message);
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            return text; // an acronym (PSYNC, CONFIG) keeps its case
        }
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
