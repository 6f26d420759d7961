package dev.perf.load.template;

import java.nio.charset.StandardCharsets;

/** Text put into a URL as one component (as JavaScript's {@code encodeURIComponent} does). Pure. */
final class UrlText {
    private UrlText() {}

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * {@code value} with every byte of its UTF-8 form but RFC 3986's unreserved characters ({@code A-Z a-z 0-9
     * - . _ ~}) percent-encoded: a value holding '/', '?', '&amp;', '#' or a space stays one path segment or one
     * query value.
     */
    static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'A' && b <= 'Z')
                    || (b >= 'a' && b <= 'z')
                    || (b >= '0' && b <= '9')
                    || b == '-'
                    || b == '.'
                    || b == '_'
                    || b == '~';
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length * 3).append(value, 0, i);
            }
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out == null ? value : out.toString();
    }
}
