package dev.redismigrate.sync.ttl;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.snapshot.TtlGuard;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second half of the TTL gap fix ({@link TtlGuard}): once the stream has caught up, scans every database of the
 * target and moves each expiry inside the pushed window back by exactly {@link TtlGuard#PUSH_MS}. Each step is one
 * server-side script over one SCAN page, atomic with respect to the stream's writes: a key the stream touched since
 * (renewed, persisted, deleted) is outside the window and stays as the source made it.
 */
public final class TtlRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(TtlRestorer.class);
    private static final int PAGE = 500;
    private static final int MAX_PASSES = 3;
    private static final String SCRIPT = """
            local page = redis.call('SCAN', ARGV[1], 'COUNT', ARGV[2])
            local lo, hi, push = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
            local exact = ARGV[6] == '1'
            local fixed, now = 0, nil
            for _, key in ipairs(page[2]) do
              local at = -1
              if exact then
                at = redis.call('PEXPIRETIME', key)
              else
                local ttl = redis.call('PTTL', key)
                if ttl > 0 then
                  if now == nil then
                    local t = redis.call('TIME')
                    now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
                  end
                  at = now + ttl
                end
              end
              if at >= lo and at <= hi then
                redis.call('PEXPIREAT', key, string.format('%d', at - push))
                fixed = fixed + 1
              end
            end
            return {page[1], fixed}
            """;

    private final RespConnection target;
    private final boolean hasExpireTime;

    /** @param hasExpireTime the target has {@code PEXPIRETIME} (7.0+); older ones derive it from PTTL (+-1 ms) */
    public TtlRestorer(RespConnection target, boolean hasExpireTime) {
        this.target = target;
        this.hasExpireTime = hasExpireTime;
    }

    /** Restores all pushed expiries; returns how many keys were fixed. */
    public long restore() throws IOException {
        long total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long fixed = 0;
            Set<Integer> dbs = Info.of(target, "keyspace").keyspace().keySet();
            for (int db : dbs) {
                fixed += restoreDb(db);
            }
            total += fixed;
            if (fixed == 0) {
                break;
            }
        }
        LOG.info("restored the real expiry of {} keys written with a guarded TTL", total);
        target.callOk("SELECT", Integer.toString(CheckpointKey.DB));
        return total;
    }

    private long restoreDb(int db) throws IOException {
        target.callOk("SELECT", Integer.toString(db));
        String cursor = "0";
        long fixed = 0;
        do {
            long now = System.currentTimeMillis();
            Object reply = target.callOk("EVAL", SCRIPT, "0", cursor, Integer.toString(PAGE),
                    Long.toString(TtlGuard.windowStart(now)), Long.toString(TtlGuard.windowEnd(now)),
                    Long.toString(TtlGuard.PUSH_MS), hasExpireTime ? "1" : "0");
            List<?> result = (List<?>) reply;
            cursor = new String((byte[]) result.get(0), java.nio.charset.StandardCharsets.US_ASCII);
            fixed += (Long) result.get(1);
        } while (!cursor.equals("0"));
        return fixed;
    }
}
