package dev.herald.sink.teams;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a successful-looking Teams answer. A Workflows webhook answers 202 (sometimes 200) with an
 * empty body, a legacy connector 200 with the body {@code 1}; but a legacy connector also reports
 * a card it could not post with a 200 whose text names the error.
 */
final class TeamsReply {
    private static final Pattern DELIVERY_ERROR = Pattern.compile(
            "Microsoft Teams endpoint returned HTTP error \\d{3}|Webhook message delivery failed with error");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(sig=)[^&\\s\"']+");

    private TeamsReply() {
    }

    /** The error text when {@code body} reports a failed delivery, else empty. */
    static Optional<String> rejection(String body) {
        return body != null && DELIVERY_ERROR.matcher(body).find() ? Optional.of(body) : Optional.empty();
    }

    /** {@code text} with any URL signature ({@code sig=...}) replaced, in case Teams echoes the URL. */
    static String redactSignature(String text) {
        return SIGNATURE.matcher(text).replaceAll("$1****");
    }
}
