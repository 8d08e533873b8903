package dev.redismigrate.core.verify;

/**
 * Keys and field names are bytes, not text: they are shown the way redis-cli quotes them. Printable ASCII stays as is,
 * backslash and double quote are escaped, and every other byte (including each byte of a UTF-8 sequence) becomes
 * {@code \xHH}, so two different keys never print the same.
 */
public final class KeyText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KeyText() {
    }

    public static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return out.toString();
    }
}
