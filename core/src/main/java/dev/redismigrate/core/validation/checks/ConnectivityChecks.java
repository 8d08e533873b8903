package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Reachability;
import dev.redismigrate.core.validation.Side;
import java.util.List;

/** Can we reach each side, does it speak Redis, does it let us in; and are the two sides different servers. */
public final class ConnectivityChecks {
    private ConnectivityChecks() {
    }

    /** reachable, speaks-redis, auth for one side, in that order. */
    public static List<CheckResult> of(Side side, RedisEndpoint endpoint, InstanceFacts facts) {
        boolean source = side == Side.SOURCE;
        return List.of(
                reachable(source ? Check.SOURCE_REACHABLE : Check.TARGET_REACHABLE, side, endpoint, facts),
                speaksRedis(source ? Check.SOURCE_SPEAKS_REDIS : Check.TARGET_SPEAKS_REDIS, side, endpoint, facts),
                auth(source ? Check.SOURCE_AUTH : Check.TARGET_AUTH, side, endpoint, facts));
    }

    public static CheckResult distinct(InstanceFacts source, InstanceFacts target) {
        Check check = Check.DISTINCT_INSTANCES;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (source.runId() == null || target.runId() == null) {
            return check.skipped("not checked: a side did not report its run_id");
        }
        if (source.runId().equals(target.runId())) {
            return check.error("Source and target are the same server (run_id " + source.runId() + "). Migrating a"
                    + " server into itself would replay its own writes onto it and the target must be empty anyway."
                    + " Give the address of the empty target instance.");
        }
        return check.pass("Source and target are different servers (their run_ids differ).");
    }

    private static CheckResult reachable(Check check, Side side, RedisEndpoint endpoint, InstanceFacts facts) {
        Reachability r = facts.reachability();
        if (r == Reachability.PASSWORD_UNAVAILABLE) {
            return check.skipped("not tried: the " + side.label() + " password could not be read (see " + side.label() + ".auth)");
        }
        if (r.connected()) {
            return check.pass("Connected to " + endpoint.display() + ".");
        }
        String found = Text.sentence(facts.problem());
        return check.error(switch (r) {
            case DNS -> found + " Without an address the " + side.label() + " cannot be reached. Check the spelling of"
                    + " the host name, or give its IP address.";
            case REFUSED -> found + " Nothing accepts connections there, so the " + side.label() + " cannot be used."
                    + " Check that redis-server runs and listens on port " + endpoint.port() + " on an address this"
                    + " machine can reach (its 'bind' setting), and that no firewall rejects the connection.";
            case TIMEOUT -> found + " A firewall or security group that silently drops the traffic, a wrong address"
                    + " or a stalled server makes every step wait. Allow TCP port " + endpoint.port() + " from this"
                    + " machine in the security group or firewall of the " + side.label() + "'s host, and check the"
                    + " address.";
            case TLS -> found + " Without a TLS session nothing can be sent. If the server does not use TLS, write"
                    + " redis:// instead of rediss://; if it does, make sure this JVM trusts its certificate"
                    + " (javax.net.ssl.trustStore).";
            default -> found + " The " + side.label() + " cannot be used. Check the network path (routing, VPN,"
                    + " security group) between this machine and " + endpoint.host() + ".";
        });
    }

    private static CheckResult speaksRedis(Check check, Side side, RedisEndpoint endpoint, InstanceFacts facts) {
        Reachability r = facts.reachability();
        if (!r.connected()) {
            return check.skipped("not checked: no connection (see " + side.label() + ".reachable)");
        }
        if (r == Reachability.NOT_REDIS) {
            return check.error(Text.sentence(facts.problem()) + " The migration talks the Redis protocol and needs the"
                    + " port redis-server itself listens on. Check the port in " + endpoint.display()
                    + " (Redis usually listens on 6379).");
        }
        return check.pass("Port " + endpoint.port() + " answers in the Redis protocol.");
    }

    private static CheckResult auth(Check check, Side side, RedisEndpoint endpoint, InstanceFacts facts) {
        Reachability r = facts.reachability();
        String who = endpoint.username() == null ? "" : " for user '" + endpoint.username() + "'";
        return switch (r) {
            case PASSWORD_UNAVAILABLE -> check.error(Text.sentence(facts.problem()) + " The " + side.label()
                    + " password is needed to connect. Make it readable (set the variable, fix the file) or give it"
                    + " again.");
            case AUTH_REQUIRED -> check.error("The " + side.label() + " requires a password and none was given."
                    + " Every command is refused until we authenticate. Give the " + side.label() + " password"
                    + " (and the ACL user name if it is not 'default').");
            case AUTH_FAILED -> check.error("The " + side.label() + " refused the password" + who + ": "
                    + Text.sentence(facts.problem()) + " Every command is refused until we authenticate. Check the "
                    + side.label() + " password and user name.");
            case REJECTED -> check.error(Text.sentence(facts.problem()) + " The " + side.label() + " is a Redis but"
                    + " refuses this client, so nothing can be read or written. Fix the server setting its reply"
                    + " names (for protected mode: set a password with requirepass), then validate again.");
            case REACHABLE -> check.pass(endpoint.username() != null
                    ? "Authenticated as user '" + endpoint.username() + "'."
                    : facts.passwordRequired() ? "Authenticated with the password." : "No password needed.");
            default -> check.skipped("not checked: no Redis answered (see " + side.label() + "."
                    + (r.connected() ? "speaks-redis" : "reachable") + ")");
        };
    }
}
