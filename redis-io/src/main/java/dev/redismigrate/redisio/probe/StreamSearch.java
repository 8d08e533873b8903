package dev.redismigrate.redisio.probe;

import dev.redismigrate.core.validation.ServerVersion;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Looks for a stream on the source, within a time budget, stopping at the first one. Redis 6+ filters on the server
 * ({@code SCAN ... TYPE stream}); 5.x has streams but no TYPE filter, so the keys of each SCAN page are typed in one
 * pipeline. Before 5.0 there are no streams and nothing is scanned.
 */
final class StreamSearch {
    /** {@code complete} is false when the budget ran out (or SCAN was refused) before every database was scanned. */
    record Result(boolean found, boolean complete) {
    }

    private static final int PAGE = 1000;

    private StreamSearch() {
    }

    static Result search(Jedis jedis, ServerVersion version, Set<Integer> databases, long budgetNanos) {
        if (version == null || !version.atLeast(5, 0)) {
            return new Result(false, version != null);
        }
        long deadline = System.nanoTime() + budgetNanos;
        boolean serverFilter = version.atLeast(6, 0);
        try {
            for (int db : databases) {
                jedis.select(db);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    if (System.nanoTime() > deadline) {
                        return new Result(false, false);
                    }
                    ScanParams params = new ScanParams().count(PAGE);
                    ScanResult<String> page = serverFilter ? jedis.scan(cursor, params, "stream") : jedis.scan(cursor, params);
                    if (serverFilter ? !page.getResult().isEmpty() : anyStream(jedis, page.getResult())) {
                        return new Result(true, false);
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
            return new Result(false, true);
        } catch (JedisException e) {
            return new Result(false, false);
        } finally {
            selectZero(jedis);
        }
    }

    private static boolean anyStream(Jedis jedis, List<String> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        try (Pipeline pipeline = jedis.pipelined()) {
            List<Response<String>> types = keys.stream().map(pipeline::type).toList();
            pipeline.sync();
            return types.stream().anyMatch(t -> "stream".equals(t.get()));
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
