package dev.redismigrate.redisio.verify;

import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Protocol.Command;

/**
 * Which keys of a page do not exist on one side. One {@code EXISTS} of the whole page answers "all of them" in one
 * command (it counts the keys that exist; from 3.0.3); only a page where some are missing is asked key by key, and so
 * is every page of a server that takes one key per EXISTS (before 3.0.3). The whole-page question counts as one key
 * against the rate, a key-by-key check one per key. A cluster takes a many-key EXISTS only for keys of one slot, so
 * its pages are always asked key by key (each key at its primary).
 */
final class KeyPresence {
    private final RedisSide side;
    private boolean wholePages;

    KeyPresence(RedisSide side) {
        this.side = side;
        this.wholePages = !side.cluster();
    }

    List<byte[]> missing(int db, List<byte[]> keys) {
        side.select(db);
        if (wholePages && keys.size() > 1) {
            side.pace(1);
            Object count = side.pipeline(List.of(new Cmd(Command.EXISTS, keys.toArray(byte[][]::new)))).get(0);
            if (count instanceof Long n && n == keys.size()) {
                return List.of();
            }
            wholePages = count instanceof Long; // an error reply: one key per EXISTS on this server
        }
        side.pace(keys.size());
        List<Cmd> exists = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            exists.add(new Cmd(Command.EXISTS, key));
        }
        List<Object> replies = side.pipeline(exists);
        List<byte[]> missing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (Replies.number(side.valueOf(replies.get(i))) == 0) {
                missing.add(keys.get(i));
            }
        }
        return missing;
    }
}
