package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceTally;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyPhase;
import dev.redismigrate.core.verify.VerifyProgress;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import redis.clients.jedis.Protocol.Command;

/**
 * One verification: the first round (counts, sample or every key), then re-check rounds that look again only at what
 * differed, so that differences caused by replication lag on a live source disappear and only lasting ones are
 * reported.
 */
final class VerificationRun {
    /** Keys per SCAN page and per compared batch when looking at some keys (sample, re-check). */
    static final int BATCH = 200;
    /**
     * Keys per SCAN page and per compared batch when looking at every key: thousands per round trip, so that the time
     * goes to the servers' work, not to waiting for replies.
     */
    static final int FULL_BATCH = 2000;
    /** Differing keys kept for re-checking; past this they are counted, not re-checked. */
    static final int RECHECK_LIMIT = 100_000;
    /** Readings of the counts within one round before a database counts as differing. */
    static final int COUNT_READINGS = 3;

    private final RedisSide source;
    private final RedisSide target;
    private final VerifyOptions options;
    private final Clock clock;
    private final Instant startedAt;
    private final byte[] ignoredPrefix;
    private final KeyCounts counts;
    private final KeyComparer comparer;
    private final List<BothSides> pagePairs;
    private final ProgressMeter meter;
    private final KeyPresence sourcePresence;
    private Candidates candidates = new Candidates(RECHECK_LIMIT);
    private Map<Integer, DbKeyCount> sourceCounts;
    private Map<Integer, DbKeyCount> targetCounts;
    /** The target's counts read just before the source's: see {@link KeyCounts#compare}. */
    private Map<Integer, DbKeyCount> targetCountsBefore;
    private long keysCompared;
    private long keysNotCompared;
    private int round = 1;

    /**
     * @param sides the pair that counts, scans and compares
     * @param pagePairs more pairs, on which {@link VerifyMode#FULL} compares the source's pages (see {@link PagePool})
     */
    VerificationRun(BothSides sides, List<BothSides> pagePairs, VerifyOptions options, Consumer<VerifyProgress> progress,
                    Clock clock) {
        this.source = sides.source();
        this.target = sides.target();
        this.options = options;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.ignoredPrefix = options.ignoredKeyPrefix() == null ? null
                : options.ignoredKeyPrefix().getBytes(StandardCharsets.UTF_8);
        this.counts = new KeyCounts(ignoredPrefix,
                options.knownIgnoredKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList());
        this.comparer = new KeyComparer(sides, options.ttlToleranceMillis());
        this.pagePairs = pagePairs;
        List<RedisSide> all = new ArrayList<>(List.of(source, target));
        pagePairs.forEach(pair -> all.addAll(List.of(pair.source(), pair.target())));
        this.meter = new ProgressMeter(progress, all);
        this.sourcePresence = new KeyPresence(source);
    }

    VerificationReport run() {
        readCounts();
        Set<Integer> dbs = new TreeSet<>(sourceCounts.keySet());
        dbs.addAll(targetCounts.keySet());
        if (options.mode() != VerifyMode.FULL) {
            compareCounts(dbs);
        }
        if (options.mode() == VerifyMode.SAMPLE) {
            sample(dbs);
        }
        if (options.mode() == VerifyMode.FULL) {
            compareSourceKeys(dbs);
            findExtraTargetKeys(dbs);
        }
        while (round < options.maxRounds() && candidates.pending()) {
            pause(options.roundDelayMillis());
            round++;
            recheck();
        }
        DifferenceTally tally = new DifferenceTally(options.maxShown());
        candidates.tally(tally);
        VerificationReport report = tally.report(options.mode(), startedAt, clock.instant(), round, keysCompared,
                keysNotCompared, sourceCounts, targetCounts);
        return report.withKeysByNode(source.keyspaceByNode(), target.keyspaceByNode());
    }

    /**
     * Both sides' counts, for the databases in scope (those holding keys on either side, or the ones asked for). Where
     * they disagree, keys of redis-migrate's own not named in the options could be why: those databases are searched
     * for them (once) and the counts read again.
     */
    private void readCounts() {
        meter.report(VerifyPhase.COUNTS, round, 0, -1, candidates.size(), true);
        readCountsOnce();
        Set<Integer> dbs = new TreeSet<>(sourceCounts.keySet());
        dbs.addAll(targetCounts.keySet());
        boolean searched = false;
        for (int db : dbs) {
            if (KeyCounts.compare(db, sourceCounts.get(db), targetCountsBefore.get(db), targetCounts.get(db)) != null) {
                searched |= counts.search(source, db) | counts.search(target, db);
            }
        }
        if (searched) {
            readCountsOnce();
        }
    }

    private void readCountsOnce() {
        targetCountsBefore = inScope(counts.read(target));
        sourceCounts = inScope(counts.read(source));
        targetCounts = inScope(counts.read(target));
    }

    private Map<Integer, DbKeyCount> inScope(Map<Integer, DbKeyCount> all) {
        Map<Integer, DbKeyCount> scoped = new TreeMap<>();
        all.forEach((db, count) -> {
            if (options.includesDb(db)) {
                scoped.put(db, count);
            }
        });
        return scoped;
    }

    /**
     * Compares the counts of the given databases. A busy source changes its counts between two readings, so a
     * database that differs is read again at once, up to {@link #COUNT_READINGS} times, before it becomes a candidate.
     */
    private void compareCounts(Iterable<Integer> dbs) {
        List<Integer> differing = new ArrayList<>();
        dbs.forEach(differing::add);
        List<Difference> found = List.of();
        for (int reading = 1; reading <= COUNT_READINGS && !differing.isEmpty(); reading++) {
            if (reading > 1) {
                readCounts();
            }
            found = new ArrayList<>();
            for (int db : differing) {
                Difference difference = KeyCounts.compare(db, sourceCounts.get(db), targetCountsBefore.get(db),
                        targetCounts.get(db));
                if (difference != null) {
                    found.add(difference);
                }
            }
            differing = found.stream().map(Difference::db).toList();
        }
        found.forEach(candidates::addCount);
    }

    /** Random keys of each side, in proportion to each database's size; a small database is read whole. */
    private void sample(Set<Integer> dbs) {
        long total = 2L * options.sampleSize();
        long done = 0;
        Set<KeyRef> drawn = new HashSet<>();
        for (RedisSide side : List.of(source, target)) {
            Map<Integer, DbKeyCount> sizes = side == source ? sourceCounts : targetCounts;
            long sideKeys = sizes.values().stream().mapToLong(DbKeyCount::keys).sum();
            for (int db : dbs) {
                long dbKeys = sizes.getOrDefault(db, new DbKeyCount(0, 0)).keys();
                if (dbKeys <= 0) {
                    continue;
                }
                long quota = Math.max(1, Math.round((double) options.sampleSize() * dbKeys / sideKeys));
                List<byte[]> keys = new ArrayList<>();
                for (byte[] key : dbKeys <= quota ? scanAll(side, db) : randomKeys(side, db, (int) quota)) {
                    if (drawn.add(new KeyRef(db, key))) {
                        keys.add(key);
                    }
                }
                for (List<byte[]> batch : batches(keys)) {
                    compare(db, batch);
                    done += batch.size();
                    meter.report(VerifyPhase.SAMPLE, round, done, total, candidates.size(), false);
                }
            }
        }
        meter.report(VerifyPhase.SAMPLE, round, done, total, candidates.size(), true);
    }

    /** Every key of the source, compared on the page pairs while this pair scans for the next page. */
    private void compareSourceKeys(Set<Integer> dbs) {
        long total = sourceCounts.values().stream().mapToLong(DbKeyCount::keys).sum();
        long[] done = {0};
        try (PagePool pool = new PagePool(pagePairs.stream()
                .map(pair -> new KeyComparer(pair, options.ttlToleranceMillis())).toList())) {
            for (int db : dbs) {
                if (sourceCounts.containsKey(db)) {
                    scan(source, db, FULL_BATCH, page -> {
                        pool.submit(db, page, this::record);
                        done[0] += page.size();
                        meter.report(VerifyPhase.SOURCE_KEYS, round, done[0], total, differencesSoFar(), false);
                    });
                }
            }
            pool.await();
        }
        meter.report(VerifyPhase.SOURCE_KEYS, round, done[0], total, candidates.size(), true);
    }

    /** Keys of the target that the source does not have; keys on both sides were compared by the source pass. */
    private void findExtraTargetKeys(Set<Integer> dbs) {
        long total = targetCounts.values().stream().mapToLong(DbKeyCount::keys).sum();
        long[] done = {0};
        for (int db : dbs) {
            if (targetCounts.containsKey(db)) {
                scan(target, db, FULL_BATCH, page -> {
                    List<byte[]> onlyOnTarget = sourcePresence.missing(db, page);
                    if (!onlyOnTarget.isEmpty()) {
                        compare(db, onlyOnTarget);
                    }
                    done[0] += page.size();
                    meter.report(VerifyPhase.TARGET_KEYS, round, done[0], total, candidates.size(), false);
                });
            }
        }
        meter.report(VerifyPhase.TARGET_KEYS, round, done[0], total, candidates.size(), true);
    }

    /** Looks again at what differed; what no longer differs is dropped. */
    private void recheck() {
        Candidates previous = candidates;
        candidates = previous.next();
        long total = previous.keyCount();
        long done = 0;
        meter.report(VerifyPhase.RECHECK, round, done, total, previous.size(), true);
        for (Map.Entry<Integer, List<byte[]>> db : previous.keysByDb().entrySet()) {
            for (List<byte[]> batch : batches(db.getValue())) {
                candidates.add(comparer.compare(db.getKey(), batch).differences());
                done += batch.size();
                meter.report(VerifyPhase.RECHECK, round, done, total, candidates.size(), false);
            }
        }
        if (previous.countDbs().iterator().hasNext()) {
            readCounts();
            compareCounts(previous.countDbs());
        }
        meter.report(VerifyPhase.RECHECK, round, done, total, candidates.size(), true);
    }

    private void compare(int db, List<byte[]> keys) {
        record(comparer.compare(db, keys));
    }

    /** Called by the page pairs' threads too. */
    private synchronized void record(KeyComparer.Result result) {
        candidates.add(result.differences());
        keysCompared += result.compared();
        keysNotCompared += result.notComparable();
    }

    private synchronized long differencesSoFar() {
        return candidates.size();
    }

    /**
     * Every key of one database of one side, page by page, ignored keys left out. A page counts as one key. On a
     * cluster whose slots moved during the walk, the keys of those slots are read again from their owners after it (a
     * key the walk saw already is then looked at twice, which changes nothing but the number of keys compared).
     */
    private void scan(RedisSide side, int db, int pageSize, Consumer<List<byte[]>> pages) {
        int moves = side.slotMoves();
        byte[] cursor = Replies.bytes("0");
        do {
            side.pace(1);
            side.select(db);
            List<Object> page = side.scan(cursor, Replies.bytes("COUNT"), Replies.bytes(Integer.toString(pageSize)));
            cursor = (byte[]) page.get(0);
            accept(Replies.list(page.get(1)), pages);
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        List<byte[]> missed = side.keysOfSlotsMovedSince(moves);
        for (int from = 0; from < missed.size(); from += pageSize) {
            accept(missed.subList(from, Math.min(missed.size(), from + pageSize)), pages);
        }
    }

    private void accept(List<?> page, Consumer<List<byte[]>> pages) {
        List<byte[]> keys = new ArrayList<>();
        for (Object key : page) {
            if (!ignored((byte[]) key)) {
                keys.add((byte[]) key);
            }
        }
        if (!keys.isEmpty()) {
            pages.accept(keys);
        }
    }

    private List<byte[]> scanAll(RedisSide side, int db) {
        List<byte[]> all = new ArrayList<>();
        scan(side, db, BATCH, all::addAll);
        return all;
    }

    /** Up to {@code quota} distinct keys from RANDOMKEY; gives up after three draws per key wanted. */
    private List<byte[]> randomKeys(RedisSide side, int db, int quota) {
        side.select(db);
        Set<KeyRef> keys = new LinkedHashSet<>();
        int attempts = 0;
        while (keys.size() < quota && attempts < 3 * quota) {
            int n = Math.min(BATCH, quota - keys.size());
            attempts += n;
            side.pace(n);
            List<Cmd> draws = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                draws.add(new Cmd(Command.RANDOMKEY));
            }
            for (Object reply : side.pipeline(draws)) {
                byte[] key = (byte[]) side.valueOf(reply);
                if (key != null && !ignored(key)) {
                    keys.add(new KeyRef(db, key));
                }
            }
        }
        return keys.stream().map(KeyRef::key).toList();
    }

    private boolean ignored(byte[] key) {
        if (ignoredPrefix == null || key.length < ignoredPrefix.length) {
            return false;
        }
        for (int i = 0; i < ignoredPrefix.length; i++) {
            if (key[i] != ignoredPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<List<byte[]>> batches(List<byte[]> keys) {
        List<List<byte[]>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            batches.add(keys.subList(from, Math.min(keys.size(), from + BATCH)));
        }
        return batches;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationFailedException("verification interrupted", e);
        }
    }
}
