package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyProgress;
import dev.redismigrate.redisio.RedisConnections;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The {@link Verifier} over Jedis: one read-only connection per side, its key reads paced, both read at once,
 * binary-safe throughout, for servers from 2.8 to 7.x (SCAN, RANDOMKEY, PTTL and per-key commands only; streams where
 * the server has them; MEMORY USAGE where the server has it).
 */
public final class JedisVerifier implements Verifier {
    private final RedisConnections connections;
    private final Clock clock;
    private final Throttle.Ticker ticker;

    public JedisVerifier(SecretResolver secrets) {
        this(secrets, Clock.systemUTC());
    }

    public JedisVerifier(SecretResolver secrets, Clock clock) {
        this(secrets, clock, Throttle.Ticker.SYSTEM);
    }

    /** @param ticker the time the rate limit waits in (tests: time that moves only when it waits) */
    JedisVerifier(SecretResolver secrets, Clock clock, Throttle.Ticker ticker) {
        this.connections = new RedisConnections(secrets);
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public VerificationReport verify(RedisEndpoint source, RedisEndpoint target, VerifyOptions options,
                                     Consumer<VerifyProgress> progress) {
        int rate = options.rateKeysPerSecond();
        try (RedisSide s = RedisSide.connect("source", source, connections, new Throttle(rate, ticker));
             RedisSide t = RedisSide.connect("target", target, connections, new Throttle(rate, ticker));
             BothSides sides = new BothSides(s, t)) {
            return new VerificationRun(sides, options, progress, clock).run();
        }
    }
}
