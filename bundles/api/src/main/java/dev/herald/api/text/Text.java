package dev.herald.api.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Fitting text into vendor limits, stable digests of keys, and the items of list settings. */
public final class Text {
    private Text() {
    }

    /**
     * At most {@code max} characters: the text itself when it fits, else its start followed by
     * {@code …}, never splitting a surrogate pair (an emoji stays whole or goes).
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * The items of a list setting, trimmed, blanks dropped, in order. Each value may hold several
     * items separated by commas: a {@code .cfg} line {@code regions = eu-west-1, us-east-1} reaches a
     * component as one string, the web console's form as several.
     */
    public static List<String> items(String[] values) {
        List<String> items = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String item : value == null ? new String[0] : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** The lower-case hex SHA-256 of the text's UTF-8 bytes: stable and distinct, 64 characters. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
