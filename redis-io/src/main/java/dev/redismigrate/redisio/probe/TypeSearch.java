package dev.redismigrate.redisio.probe;

import dev.redismigrate.core.validation.ServerVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Looks on the source for keys of the types an older target cannot hold: streams (Redis 5.0+) and vector sets (8.0+),
 * within a time budget, stopping at the first key of each. Redis 6+ filters on the server ({@code SCAN ... TYPE t});
 * 5.x has streams but no TYPE filter, so the keys of each SCAN page are typed in one pipeline. Before 5.0 neither type
 * exists and nothing is scanned; nor is a type looked for that the target's version can hold.
 */
final class TypeSearch {
    static final String STREAM = "stream";
    static final String VECTOR_SET = "vectorset";

    /** {@code complete} is false when the budget ran out (or SCAN was refused) before every database was scanned. */
    record Result(Set<String> found, boolean complete) {
    }

    private static final int PAGE = 1000;

    private TypeSearch() {
    }

    /**
     * @param targetVersion the target's version, null when unknown: a type the target can hold is not looked for
     *                      (the search reads the whole keyspace of a large source, twice per migration)
     */
    static Result search(Jedis jedis, ServerVersion version, ServerVersion targetVersion, Set<Integer> databases,
                         long budgetNanos) {
        if (version == null) {
            return new Result(Set.of(), false);
        }
        List<String> wanted = new ArrayList<>();
        if (version.atLeast(5, 0) && (targetVersion == null || !targetVersion.atLeast(5, 0))) {
            wanted.add(STREAM);
        }
        if (version.atLeast(8, 0) && (targetVersion == null || !targetVersion.atLeast(8, 0))) {
            wanted.add(VECTOR_SET);
        }
        Set<String> found = new HashSet<>();
        if (wanted.isEmpty()) {
            return new Result(found, true);
        }
        long deadline = System.nanoTime() + budgetNanos;
        boolean serverFilter = version.atLeast(6, 0);
        try {
            for (int db : databases) {
                jedis.select(db);
                if (serverFilter) {
                    for (String type : wanted) {
                        if (!found.contains(type) && !scan(jedis, type, found, deadline)) {
                            return new Result(found, false);
                        }
                    }
                } else if (!found.contains(STREAM) && !scan(jedis, null, found, deadline)) {
                    return new Result(found, false);
                }
            }
            return new Result(found, true);
        } catch (JedisException e) {
            return new Result(found, false);
        } finally {
            selectZero(jedis);
        }
    }

    /**
     * One database, one type ({@code null}: every key, typed here); adds what it finds to {@code found}. False when
     * the deadline passed first.
     */
    private static boolean scan(Jedis jedis, String type, Set<String> found, long deadline) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ScanParams params = new ScanParams().count(PAGE);
            ScanResult<String> page = type != null ? jedis.scan(cursor, params, type) : jedis.scan(cursor, params);
            if (type != null && !page.getResult().isEmpty()) {
                found.add(type);
                return true;
            }
            if (type == null && anyStream(jedis, page.getResult())) {
                found.add(STREAM);
                return true;
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return true;
    }

    private static boolean anyStream(Jedis jedis, List<String> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        try (Pipeline pipeline = jedis.pipelined()) {
            List<Response<String>> types = keys.stream().map(pipeline::type).toList();
            pipeline.sync();
            return types.stream().anyMatch(t -> STREAM.equals(t.get()));
        }
    }

    private static void selectZero(Jedis jedis) {
        try {
            jedis.select(0);
        } catch (JedisException e) {
            // the connection is gone; the probe closes it anyway
        }
    }
}
