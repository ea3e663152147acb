package dev.herald.sink.slack;

import java.util.Locale;

/** How the sink reaches Slack: the Web API with a bot token, or an incoming webhook. */
enum Mode {
    /** {@code chat.postMessage} with a bot token, to the configured channel. */
    API,
    /** An incoming webhook URL, which posts to the channel chosen when the webhook was created. */
    WEBHOOK;

    /**
     * The configured mode, or the one the credentials imply when {@code mode} is empty: a token
     * means the Web API, a webhook URL means a webhook.
     */
    static Mode of(String mode, boolean hasToken, boolean hasWebhookUrl) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "api":
                return API;
            case "webhook":
                return WEBHOOK;
            case "":
                if (hasToken && hasWebhookUrl) {
                    throw new IllegalArgumentException("both token and webhook_url are set: keep one of them, or"
                            + " set mode = api or mode = webhook to choose");
                }
                if (hasToken) {
                    return API;
                }
                if (hasWebhookUrl) {
                    return WEBHOOK;
                }
                throw new IllegalArgumentException("set either token and channel (a bot token xoxb-…, Web API"
                        + " chat.postMessage) or webhook_url (an incoming webhook)");
            default:
                throw new IllegalArgumentException("mode '" + mode + "' is not supported: use api, webhook, or"
                        + " leave it empty to infer it from token / webhook_url");
        }
    }
}
