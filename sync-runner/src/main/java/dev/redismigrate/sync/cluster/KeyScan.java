package dev.redismigrate.sync.cluster;

import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every key of one node, a {@code SCAN} page of about 1000 at a time, for the code that removes some of them. */
final class KeyScan {
    private static final String PAGE = "1000";

    /** What is done with one page's keys. */
    @FunctionalInterface
    interface Page {
        void keys(List<byte[]> keys) throws IOException;
    }

    private KeyScan() {
    }

    /** @param pattern a {@code SCAN MATCH} pattern, or null for every key */
    static void pages(RespConnection node, String pattern, Page page) throws IOException {
        String cursor = "0";
        do {
            List<?> reply = (List<?>) (pattern == null ? node.callOk("SCAN", cursor, "COUNT", PAGE)
                    : node.callOk("SCAN", cursor, "MATCH", pattern, "COUNT", PAGE));
            cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
            List<byte[]> keys = new ArrayList<>();
            for (Object key : (List<?>) reply.get(1)) {
                keys.add((byte[]) key);
            }
            page.keys(keys);
        } while (!cursor.equals("0"));
    }
}
