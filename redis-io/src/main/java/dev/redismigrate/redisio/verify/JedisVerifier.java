package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyProgress;
import dev.redismigrate.redisio.RedisConnections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link Verifier} over Jedis: one read-only connection per side (per primary of a side that is a Redis Cluster,
 * source or target: {@link RedisSide}), its key reads paced, both read at once, binary-safe throughout, for servers
 * from 2.8 to 7.x (SCAN, RANDOMKEY, PTTL and per-key commands only; streams where the server has them; MEMORY USAGE
 * where the server has it).
 */
public final class JedisVerifier implements Verifier {
    /** Connection pairs comparing pages in full mode, besides the one that scans (see {@link PagePool}). */
    static final int PAGE_PAIRS = 1;

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
        Throttle sourceRate = new Throttle(options.rateKeysPerSecond(), ticker);
        Throttle targetRate = new Throttle(options.rateKeysPerSecond(), ticker);
        int pagePairs = options.mode() == VerifyMode.FULL ? PAGE_PAIRS : 0;
        List<BothSides> pairs = new ArrayList<>();
        try {
            for (int i = 0; i <= pagePairs; i++) {
                pairs.add(connect(source, target, sourceRate, targetRate));
            }
            return new VerificationRun(pairs.get(0), pairs.subList(1, pairs.size()), options, progress, clock).run();
        } finally {
            pairs.forEach(BothSides::close);
        }
    }

    private BothSides connect(RedisEndpoint source, RedisEndpoint target, Throttle sourceRate, Throttle targetRate) {
        RedisSide s = RedisSide.connect("source", source, connections, sourceRate);
        try {
            return new BothSides(s, RedisSide.connect("target", target, connections, targetRate));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
