package dev.herald.sink.slack;

/**
 * What an incoming webhook's plain-text error answers mean for the operator. Slack answers a
 * webhook with an HTTP error status and a one-word body such as {@code invalid_payload}.
 */
final class WebhookErrors {
    private WebhookErrors() {
    }

    /** The advice for Slack's answer {@code error}, or empty when Slack's word is not one we know. */
    static String hint(String error) {
        switch (error) {
            case "invalid_payload":
                return "Slack could not read the body: check that the template produces valid Block Kit JSON";
            case "no_text":
                return "the template produced neither text nor blocks";
            case "invalid_blocks":
            case "invalid_blocks_format":
                return "Slack rejected the template's blocks: check them in Block Kit Builder";
            case "no_service":
            case "no_team":
            case "team_disabled":
                return "the webhook was removed or disabled: create a new one and set webhook_url";
            case "invalid_token":
                return "the webhook URL is not valid (any more): create a new webhook and set webhook_url";
            case "channel_not_found":
                return "the webhook's channel was deleted: create a new webhook for another channel";
            case "channel_is_archived":
                return "the webhook's channel is archived: unarchive it or create a webhook for another channel";
            case "action_prohibited":
                return "a workspace admin restricted posting to the webhook's channel";
            case "posting_to_general_channel_denied":
                return "only admins may post in this channel: use another channel";
            case "too_many_attachments":
                return "the template produced more than 100 attachments";
            case "rollup_error":
                return "Slack failed; it usually recovers";
            default:
                return "";
        }
    }
}
