package dev.herald.sink.slack;

import dev.herald.api.DeliveryException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code chat.postMessage} answer {@code {"ok":false,"error":"…"}} into a verdict whose
 * reason names Slack's error and what the operator should do about it.
 */
final class ApiErrors {
    private static final String ERRORS_PAGE = "https://api.slack.com/methods/chat.postMessage#errors";

    /** Errors Slack documents as transient. */
    private static final Set<String> RETRYABLE = Set.of(
            "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private ApiErrors() {
    }

    /**
     * @param error      Slack's error code
     * @param needed     the scope Slack says is missing ({@code needed}), or null
     * @param channel    the configured channel
     * @param retryAfter the wait Slack asked for, if it did
     */
    static DeliveryException verdict(String error, String needed, String channel, Optional<Duration> retryAfter) {
        String reason = "Slack chat.postMessage: " + error + ": " + hint(error, needed, channel);
        if (!RETRYABLE.contains(error)) {
            return DeliveryException.permanent(reason);
        }
        return retryAfter.map(wait -> DeliveryException.retryable(reason, wait))
                .orElseGet(() -> DeliveryException.retryable(reason));
    }

    /** What the operator should do about {@code error}. */
    static String hint(String error, String needed, String channel) {
        switch (error) {
            case "invalid_auth":
                return "the token is not valid: set token to the app's Bot User OAuth Token (xoxb-…)";
            case "not_authed":
                return "no token reached Slack: set token to the app's Bot User OAuth Token (xoxb-…)";
            case "account_inactive":
                return "the token belongs to a deactivated user or an uninstalled app: reinstall the app and"
                        + " set the new bot token";
            case "token_revoked":
            case "token_expired":
                return "the token is no longer valid: reinstall the app to the workspace and set the new bot token";
            case "channel_not_found":
                return "the bot cannot see channel " + channel + ": check the name or use the channel ID (C…);"
                        + " for a private channel, invite the bot first";
            case "not_in_channel":
                return "invite the bot to " + channel + " with /invite @herald (your app's bot name)";
            case "is_archived":
                return "channel " + channel + " is archived: unarchive it or set another channel";
            case "msg_too_long":
                return "the message text is too long: shorten the template (the truncate filter helps)";
            case "invalid_blocks":
            case "invalid_blocks_format":
                return "Slack rejected the template's blocks: check them in Block Kit Builder (section text"
                        + " at most 3000 characters, header 150, at most 10 fields)";
            case "no_text":
                return "the template produced neither text nor blocks";
            case "missing_scope":
                return "the app lacks the OAuth scope " + (needed == null || needed.isBlank() ? "chat:write" : needed)
                        + ": add it under OAuth & Permissions, reinstall the app and set the new bot token";
            case "restricted_action":
                return "the workspace does not let this app post in " + channel + ": ask a Slack admin";
            case "ratelimited":
                return "Slack allows about one message per second per channel: lower rate if this persists";
            case "internal_error":
            case "fatal_error":
            case "service_unavailable":
            case "request_timeout":
                return "Slack failed; it usually recovers";
            default:
                return "see " + ERRORS_PAGE;
        }
    }
}
