package dev.redismigrate.redisio.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reading raw RESP2 replies: bulk and status replies are byte[], integers Long, arrays List, nil null. */
final class Replies {
    private Replies() {
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** A status or bulk reply that is known to be ASCII (a type name, a stream id, a cursor). */
    static String text(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.US_ASCII);
    }

    static long number(Object reply) {
        return (Long) reply;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object reply) {
        return reply == null ? List.of() : (List<Object>) reply;
    }

    /** A score as Redis writes it: 2.8 prints {@code 1.1000000000000001} where 7.x prints {@code 1.1}; both parse alike. */
    static double score(Object reply) {
        String text = text(reply);
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Structural equality of two replies (byte contents, numbers, nested arrays). */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }
}
