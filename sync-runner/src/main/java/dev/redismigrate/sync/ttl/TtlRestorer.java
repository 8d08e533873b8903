package dev.redismigrate.sync.ttl;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.KeyScan;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.resp.RespError;
import dev.redismigrate.sync.snapshot.TtlGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second half of the TTL gap fix ({@link TtlGuard}): once the stream has caught up, moves each expiry inside the
 * pushed window back by exactly {@link TtlGuard#PUSH_MS}. With the list of the keys this session pushed
 * ({@link PushedExpiries}) it visits those keys only; without one (after a resume) or with an incomplete one, it scans
 * every database of the target (a sync that owns a part of the target only, one shard of a cluster source, fixes the
 * keys of that part: the scan's pages are filtered here and the matches listed to the script). Each step is one
 * server-side script over a page of keys, atomic with respect to the stream's writes: a key the stream touched since
 * (renewed, persisted, deleted) is outside the window and stays as the source made it.
 */
public final class TtlRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(TtlRestorer.class);
    private static final int PAGE = 500;
    private static final int PAGES_IN_FLIGHT = 8;
    private static final int MAX_PASSES = 3;
    /** {@code fix(keys)}: ARGV 1-4 are the window's bounds, the push, and whether PEXPIRETIME exists. */
    private static final String FIX = """
            local lo, hi, push = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local exact = ARGV[4] == '1'
            local now = nil
            local function fix(keys)
              local fixed = 0
              for _, key in ipairs(keys) do
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
              return fixed
            end
            """;
    /** One SCAN page (cursor ARGV 5, count ARGV 6): {cursor, fixed}. */
    private static final String SCAN_PAGE = FIX + """
            local page = redis.call('SCAN', ARGV[5], 'COUNT', ARGV[6])
            return {page[1], fix(page[2])}
            """;
    /** The keys given: fixed. */
    private static final byte[] LISTED = (FIX + "return fix(KEYS)\n").getBytes(StandardCharsets.US_ASCII);
    /** The keys given as ARGV 5 on (on a cluster node: a script may declare keys of one slot only): fixed. */
    private static final byte[] LISTED_AS_ARGUMENTS = (FIX + """
            local keys = {}
            for i = 5, #ARGV do keys[#keys + 1] = ARGV[i] end
            return fix(keys)
            """).getBytes(StandardCharsets.US_ASCII);

    private final RespConnection target;
    private final boolean hasExpireTime;

    /** @param hasExpireTime the target has {@code PEXPIRETIME} (7.0+); older ones derive it from PTTL (+-1 ms) */
    public TtlRestorer(RespConnection target, boolean hasExpireTime) {
        this.target = target;
        this.hasExpireTime = hasExpireTime;
    }

    /**
     * Restores the expiries of the keys {@code pushed} names, or of the whole target when there is no complete list;
     * returns how many keys were fixed.
     */
    public long restore(PushedExpiries pushed) throws IOException {
        return restore(pushed, Optional.empty());
    }

    /**
     * The same, where a scan of the target fixes only the keys {@code only} accepts (when present): those of the part
     * of the target the sync owns.
     */
    public long restore(PushedExpiries pushed, Optional<Predicate<byte[]>> only) throws IOException {
        if (pushed == null || pushed.incompleteBecause().isPresent()) {
            pushed = null;
        }
        long total = pushed != null ? restoreListed(pushed) : restoreAll(only);
        LOG.info("restored the real expiry of {} keys written with a guarded TTL ({})", total, pushed != null
                ? "the " + pushed.size() + " keys pushed"
                : only.isPresent() ? "scanned the target for the sync's own keys" : "scanned the whole target");
        target.callOk("SELECT", Integer.toString(CheckpointKey.DB));
        return total;
    }

    /** Scans every database until a pass finds nothing more to fix. */
    private long restoreAll(Optional<Predicate<byte[]>> only) throws IOException {
        long total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long fixed = 0;
            Set<Integer> dbs = Info.of(target, "keyspace").keyspace().keySet();
            for (int db : dbs) {
                fixed += only.isPresent() ? scanDb(db, only.get()) : scanDb(db);
            }
            total += fixed;
            if (fixed == 0) {
                break;
            }
        }
        return total;
    }

    private long scanDb(int db) throws IOException {
        target.callOk("SELECT", Integer.toString(db));
        String cursor = "0";
        long fixed = 0;
        do {
            List<String> args = new ArrayList<>(List.of("EVAL", SCAN_PAGE, "0"));
            args.addAll(window());
            args.addAll(List.of(cursor, Integer.toString(PAGE)));
            List<?> result = (List<?>) target.callOk(args.toArray(new String[0]));
            cursor = new String((byte[]) result.get(0), StandardCharsets.US_ASCII);
            fixed += (Long) result.get(1);
        } while (!cursor.equals("0"));
        return fixed;
    }

    /** One database's keys that {@code only} accepts: a SCAN page at a time, its matches listed to the script. */
    private long scanDb(int db, Predicate<byte[]> only) throws IOException {
        target.callOk("SELECT", Integer.toString(db));
        long[] fixed = {0};
        KeyScan.pages(target, null, PAGE, page -> {
            List<byte[]> keys = page.stream().filter(only).toList();
            if (!keys.isEmpty()) {
                target.send(listedEval(keys));
                target.flush();
                fixed[0] += fixed(target.readReply());
            }
        });
        return fixed[0];
    }

    /** The listed keys, a page per script call, several calls in flight. */
    private long restoreListed(PushedExpiries pushed) throws IOException {
        Pages pages = new Pages(false);
        pushed.forEach(pages::add);
        return pages.finish();
    }

    /** Keys handed over one by one, all of them held by this connection's node. */
    public interface Listed {
        void add(byte[] key) throws IOException;

        /** Sends what is left, waits for every page; returns how many keys were fixed. */
        long finish() throws IOException;
    }

    /**
     * The repair of keys a cluster node holds, given one by one (the caller routes each pushed key to its slot's
     * node): the keys go to the script as arguments, since a script may declare keys of one slot only while it may
     * reach any key its node holds. A key whose slot moved away since fails its page, and the repair with it.
     */
    public Listed onClusterNode() {
        Pages pages = new Pages(true);
        return new Listed() {
            @Override
            public void add(byte[] key) throws IOException {
                pages.add(CheckpointKey.DB, key);
            }

            @Override
            public long finish() throws IOException {
                return pages.finish();
            }
        };
    }

    private final class Pages {
        private final boolean asArguments;
        private final List<byte[]> keys = new ArrayList<>(PAGE);
        private int db = -1;
        private int selectedDb = -1;
        private int inFlight;
        private long fixed;

        Pages(boolean asArguments) {
            this.asArguments = asArguments;
        }

        long finish() throws IOException {
            send();
            drain(0);
            return fixed;
        }

        void add(int keyDb, byte[] key) throws IOException {
            if (keyDb != db) {
                send();
                db = keyDb;
            }
            keys.add(key);
            if (keys.size() >= PAGE) {
                send();
            }
        }

        void send() throws IOException {
            if (keys.isEmpty()) {
                return;
            }
            if (db != selectedDb) {
                drain(0); // replies are read in order; a SELECT's reply must not be taken for a page's
                target.callOk("SELECT", Integer.toString(db));
                selectedDb = db;
            }
            target.send(asArguments ? argumentsEval(keys) : listedEval(keys));
            target.flush();
            keys.clear();
            inFlight++;
            drain(PAGES_IN_FLIGHT - 1);
        }

        void drain(int leave) throws IOException {
            for (; inFlight > leave; inFlight--) {
                fixed += fixed(target.readReply());
            }
        }
    }

    /** How many keys a repair script's {@code reply} fixed. */
    private static long fixed(Object reply) throws IOException {
        if (reply instanceof RespError error) {
            throw new IOException("target rejected the TTL repair script: " + error.message());
        }
        return (Long) reply;
    }

    /** {@code EVAL <listed> n key... <window>}. */
    private byte[][] listedEval(List<byte[]> keys) {
        List<byte[]> args = new ArrayList<>(keys.size() + 7);
        args.add(ascii("EVAL"));
        args.add(LISTED);
        args.add(ascii(Integer.toString(keys.size())));
        args.addAll(keys);
        window().forEach(arg -> args.add(ascii(arg)));
        return args.toArray(new byte[0][]);
    }

    /** {@code EVAL <listed as arguments> 0 <window> key...}. */
    private byte[][] argumentsEval(List<byte[]> keys) {
        List<byte[]> args = new ArrayList<>(keys.size() + 7);
        args.add(ascii("EVAL"));
        args.add(LISTED_AS_ARGUMENTS);
        args.add(ascii("0"));
        window().forEach(arg -> args.add(ascii(arg)));
        args.addAll(keys);
        return args.toArray(new byte[0][]);
    }

    /** ARGV 1-4 of {@link #FIX}, for now. */
    private List<String> window() {
        long now = System.currentTimeMillis();
        return List.of(Long.toString(TtlGuard.windowStart(now)), Long.toString(TtlGuard.windowEnd(now)),
                Long.toString(TtlGuard.PUSH_MS), hasExpireTime ? "1" : "0");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
