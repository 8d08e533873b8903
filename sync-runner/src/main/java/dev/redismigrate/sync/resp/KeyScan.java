package dev.redismigrate.sync.resp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every key of one server's selected database, a {@code SCAN} page at a time, for the code that acts on some of them. */
public final class KeyScan {
    private static final int PAGE = 1000;

    /** What is done with one page's keys. */
    @FunctionalInterface
    public interface Page {
        void keys(List<byte[]> keys) throws IOException;
    }

    private KeyScan() {
    }

    /** Pages of about 1000 keys. @param pattern a {@code SCAN MATCH} pattern, or null for every key */
    public static void pages(RespConnection node, String pattern, Page page) throws IOException {
        pages(node, pattern, PAGE, page);
    }

    /** @param count the {@code SCAN COUNT} hint: about how many keys a page holds */
    public static void pages(RespConnection node, String pattern, int count, Page page) throws IOException {
        String size = Integer.toString(count);
        String cursor = "0";
        do {
            List<?> reply = (List<?>) (pattern == null ? node.callOk("SCAN", cursor, "COUNT", size)
                    : node.callOk("SCAN", cursor, "MATCH", pattern, "COUNT", size));
            cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
            List<byte[]> keys = new ArrayList<>();
            for (Object key : (List<?>) reply.get(1)) {
                keys.add((byte[]) key);
            }
            page.keys(keys);
        } while (!cursor.equals("0"));
    }
}
