package dev.redismigrate.core.port;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;

/**
 * Gathers facts about one Redis for the validation catalogue. Every network step is bounded by a timeout; a failure
 * is a fact ({@link InstanceFacts#reachability()}), never an exception. Implemented with Jedis in {@code redis-io}.
 */
public interface InstanceProbe {
    /**
     * @param password the resolved password, or null for none
     * @param side {@link Side#SOURCE} also gathers replication permissions and data types in use
     */
    InstanceFacts probe(RedisEndpoint endpoint, String password, Side side);
}
