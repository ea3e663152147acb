package dev.herald.api.record;

import dev.herald.api.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an event is about, in the same words for every record kind ({@link RecordKind#summary}):
 * what templates show as {@code summary.title}, {@code summary.actor}, … Every field but the title
 * may be null when the record does not say.
 *
 * @param title   one line saying what happened: {@code CreateUser by alice}, a finding's title
 * @param actor   who or what did it: a user name or ARN, a workload, a source IP
 * @param target  what it was done to: a resource ARN, a destination address and port
 * @param account the account or organisation it happened in: an AWS account id, a PCE
 * @param region  where: an AWS region
 * @param outcome how it ended, in the vendor's words: {@code success}, {@code AccessDenied}, {@code
 *                blocked}, a compliance status
 * @param link    the event in the vendor's console, or null when there is no such page
 */
public record RecordSummary(String title, String actor, String target, String account, String region,
                            String outcome, String link) {

    public RecordSummary {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a summary needs a title");
        }
    }

    /**
     * The summary of an event of no known kind: its type, from its instance; nothing else is
     * known about a record in general.
     */
    public static RecordSummary generic(Event event) {
        return new RecordSummary(event.type() + " from " + event.instance(), null, null, null, null, null, null);
    }

    /** The fields by name, as templates see them ({@code summary.title}); absent ones are null. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("title", title);
        map.put("actor", actor);
        map.put("target", target);
        map.put("account", account);
        map.put("region", region);
        map.put("outcome", outcome);
        map.put("link", link);
        return map;
    }
}
