package dev.herald.sink.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TemplatesContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's default templates, rendered by Herald's engine, are Teams Workflows messages. */
class AdaptiveCardTemplatesTest extends TemplatesContract {
    AdaptiveCardTemplatesTest() {
        super(SinkTemplates.of(TeamsSink.class));
    }

    @TempDir
    Path noOverrides;

    /** The Adaptive Card of a rendered body, after checking the message envelope around it. */
    static JsonNode card(JsonNode message) {
        assertEquals("message", message.path("type").asText());
        assertEquals(1, message.path("attachments").size(), message::toString);
        JsonNode attachment = message.path("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        assertTrue(attachment.has("contentUrl") && attachment.get("contentUrl").isNull());
        JsonNode card = attachment.path("content");
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.path("$schema").asText());
        assertTrue(Double.parseDouble(card.path("version").asText()) >= 1.4, card.path("version").asText());
        assertFalse(card.path("body").isEmpty());
        assertTrue(card.path("actions").isArray());
        return card;
    }

    static Map<String, String> facts(JsonNode card) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (JsonNode block : card.path("body")) {
            block.path("facts").forEach(f -> facts.put(f.path("title").asText(), f.path("value").asText()));
        }
        return facts;
    }

    /** Fact values as Teams shows them: CommonMark drops the backslash before ASCII punctuation. */
    static Map<String, String> shown(Map<String, String> facts) {
        Map<String, String> shown = new LinkedHashMap<>();
        facts.forEach((title, value) -> shown.put(title, value.replaceAll("\\\\(\\p{Punct})", "$1")));
        return shown;
    }

    static String headerStyle(JsonNode card) {
        return card.path("body").get(0).path("style").asText();
    }

    @Test
    void pceAuditEvent() throws Exception {
        JsonNode card = card(Cards.renderJson(Cards.pce(), Severity.MEDIUM, noOverrides));
        assertEquals("warning", headerStyle(card));
        assertEquals(Map.of("Event type", "rule_set.update", "Status", "success",
                "User", "maria.lopez@corp.example.com", "Source IP", "198.51.100.24", "PCE", "pce.corp.example.com",
                "Time", "2026-11-03T08:41:05.117Z"), facts(card));
        assertTrue(card.path("body").get(0).toString().contains("MEDIUM"));
        assertEquals(0, card.path("actions").size());
    }

    @Test
    void pceEventBySystemNamesTheSystem() throws Exception {
        Event event = Cards.event("pce", "user.login_failed", Severity.HIGH,
                Cards.PCE.replace("{\"user\":{\"href\":\"/users/14\",\"username\":\"maria.lopez@corp.example.com\"}}",
                        "{\"system\":{}}"));
        JsonNode card = card(Cards.renderJson(event, Severity.HIGH, noOverrides));
        assertEquals("attention", headerStyle(card));
        assertEquals("system", facts(card).get("User"));
    }

    @Test
    void cloudTrailRecordLinksToTheConsole() throws Exception {
        JsonNode card = card(Cards.renderJson(Cards.cloudtrail(), Severity.HIGH, noOverrides));
        assertEquals("attention", headerStyle(card));
        Map<String, String> facts = facts(card);
        assertEquals("CreateAccessKey", facts.get("Event"));
        assertEquals("arn:aws:iam::123456789012:user/bob", facts.get("Who"));
        assertEquals("203.0.113.77", facts.get("Source IP"));
        assertEquals("us-east-1", facts.get("Region"));
        assertTrue(facts.get("Error").startsWith("AccessDenied: User: arn:aws:iam::123456789012:user/bob"));
        JsonNode action = card.path("actions").get(0);
        assertEquals("Action.OpenUrl", action.path("type").asText());
        assertEquals("https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1"
                + "#/events/4dae2063-8b5c-4e19-af7d-2c3e6a9b1f52", action.path("url").asText());
    }

    @Test
    void successfulCloudTrailCallHasNoErrorFact() throws Exception {
        ObjectNode record = (ObjectNode) Cards.JSON.readTree(Cards.CLOUDTRAIL);
        record.remove(List.of("errorCode", "errorMessage"));
        JsonNode card = card(Cards.renderJson(Cards.event("cloudtrail", "CreateAccessKey", Severity.LOW,
                record.toString()), Severity.LOW, noOverrides));
        assertEquals("good", headerStyle(card));
        assertFalse(facts(card).containsKey("Error"));
    }

    @Test
    void securityHubFindingLinksToItsRemediation() throws Exception {
        JsonNode card = card(Cards.renderJson(Cards.finding(), Severity.CRITICAL, noOverrides));
        assertEquals("attention", headerStyle(card));
        Map<String, String> facts = facts(card);
        assertEquals("Security groups should not allow unrestricted access to ports with high risk", facts.get("Title"));
        assertEquals("CRITICAL", facts.get("Severity"));
        assertEquals("123456789012", facts.get("Account"));
        assertEquals("AwsEc2SecurityGroup arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a7d3c9e51b2f4e68",
                facts.get("Resource"));
        assertEquals("FAILED", facts.get("Compliance"));
        JsonNode action = card.path("actions").get(0);
        assertEquals("Action.OpenUrl", action.path("type").asText());
        assertEquals("https://docs.aws.amazon.com/console/securityhub/EC2.19/remediation", action.path("url").asText());
    }

    @Test
    void otherRecordsGetTheDefaultCard() throws Exception {
        Event event = Cards.event("json", "custom.alert", Severity.INFO, "{\"message\":\"disk almost full\"}");
        JsonNode card = card(Cards.renderJson(event, Severity.INFO, noOverrides));
        assertEquals("good", headerStyle(card));
        assertEquals("custom.alert", facts(card).get("Type"));
        assertTrue(card.toString().contains("disk almost full"));
    }

    @Test
    void hostileContentStaysInsideItsStrings() throws Exception {
        ObjectNode trail = (ObjectNode) Cards.JSON.readTree(Cards.CLOUDTRAIL);
        trail.put("eventName", Cards.HOSTILE).put("sourceIPAddress", Cards.HOSTILE).put("awsRegion", Cards.HOSTILE)
                .put("eventID", Cards.HOSTILE).put("errorMessage", Cards.HOSTILE);
        ((ObjectNode) trail.path("userIdentity")).put("arn", Cards.HOSTILE);
        JsonNode card = card(Cards.renderJson(Cards.event("cloudtrail", Cards.HOSTILE, Severity.HIGH,
                trail.toString()), Severity.HIGH, noOverrides));
        assertEquals(Cards.HOSTILE, shown(facts(card)).get("Event"));
        assertEquals(Cards.HOSTILE, shown(facts(card)).get("Who"));
        String url = card.path("actions").get(0).path("url").asText();
        assertTrue(url.startsWith("https://evil+%22quoted%22"), url); // encoded: cannot leave the console host
        assertFalse(url.contains("\"") || url.contains("<") || url.contains(" "), url);

        ObjectNode finding = (ObjectNode) Cards.JSON.readTree(Cards.FINDING);
        finding.put("Title", Cards.HOSTILE).put("Description", Cards.HOSTILE);
        ((ObjectNode) finding.path("Remediation").path("Recommendation")).put("Url", "javascript:alert(1)");
        card = card(Cards.renderJson(Cards.event("securityhub", "t", Severity.HIGH, finding.toString()),
                Severity.HIGH, noOverrides));
        assertEquals(Cards.HOSTILE, shown(facts(card)).get("Title"));
        assertEquals(0, card.path("actions").size(), "only https links become buttons");

        ObjectNode pce = (ObjectNode) Cards.JSON.readTree(Cards.PCE);
        pce.put("event_type", Cards.HOSTILE).put("status", Cards.HOSTILE);
        card = card(Cards.renderJson(Cards.event("pce", "t", Severity.LOW, pce.toString()), Severity.LOW,
                noOverrides));
        assertEquals(Cards.HOSTILE, shown(facts(card)).get("Status"));

        Event raw = Cards.event("json", Cards.HOSTILE, Severity.INFO, Cards.JSON.createObjectNode()
                .put("m", Cards.HOSTILE).toString());
        card = card(Cards.renderJson(raw, Severity.INFO, noOverrides));
        assertEquals(Cards.HOSTILE, shown(facts(card)).get("Type"));
    }

    /** Markdown an Adaptive Card would render: a link, emphasis, code, HTML, lists, a heading, a quote. */
    static final String MARKUP = "[Approve](https://evil.example/approve) **bold** __b__ _it_ `code` <b>html</b>"
            + " <https://evil.example> ~~s~~ a\\\\[x](y)\n# Heading\n- item\n+ item\n* item\n1. one\n2) two\n> quote\n***\nSetext\n===";

    /** {@code node} with every string in it replaced by {@code text}. */
    private static JsonNode everyString(JsonNode node, String text) {
        JsonNode copy = node.deepCopy();
        replaceStrings(copy, text);
        return copy;
    }

    private static void replaceStrings(JsonNode node, String text) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if (object.get(name).isTextual()) {
                    object.put(name, text);
                } else {
                    replaceStrings(object.get(name), text);
                }
            });
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, text);
                } else {
                    replaceStrings(array.get(i), text);
                }
            }
        }
    }

    /** Every Markdown-rendered string of the card: the text of each TextBlock and the value of each fact. */
    private static List<String> markdownTexts(JsonNode node) {
        List<String> texts = new java.util.ArrayList<>();
        if (node.isObject()) {
            if ("TextBlock".equals(node.path("type").asText())) {
                texts.add(node.path("text").asText());
            }
            if (node.has("title") && node.has("value")) {
                texts.add(node.path("value").asText());
            }
        }
        node.forEach(child -> texts.addAll(markdownTexts(child)));
        return texts;
    }

    /**
     * Event content is plain text on the card: a CommonMark parser (Teams renders a CommonMark
     * subset) finds no link, emphasis, code, HTML, list, heading or quote in any TextBlock or
     * fact, and shows the markup as the characters it was; no ']' is followed by '(', which
     * Adaptive Cards' own parser (on mobile clients, which ignores backslashes) reads as a link.
     */
    @Test
    void eventContentCannotFormatTheCardOrForgeALink() throws Exception {
        org.commonmark.parser.Parser parser = org.commonmark.parser.Parser.builder().build();
        org.commonmark.renderer.text.TextContentRenderer plain = org.commonmark.renderer.text.TextContentRenderer.builder().build();
        for (String source : List.of("pce", "cloudtrail", "securityhub", "json")) {
            String record = switch (source) {
                case "pce" -> Cards.PCE;
                case "cloudtrail" -> Cards.CLOUDTRAIL;
                case "securityhub" -> Cards.FINDING;
                default -> "{\"m\":\"x\"}";
            };
            Event event = Cards.event(source, MARKUP, Severity.HIGH, everyString(Cards.JSON.readTree(record), MARKUP)
                    .toString());
            JsonNode card = card(Cards.renderJson(event, Severity.HIGH, noOverrides));
            boolean shown = false;
            for (String text : markdownTexts(card.path("body"))) {
                List<String> markup = new java.util.ArrayList<>();
                parser.parse(text).accept(new org.commonmark.node.AbstractVisitor() {
                    @Override
                    protected void visitChildren(org.commonmark.node.Node parent) {
                        if (!(parent instanceof org.commonmark.node.Document || parent instanceof org.commonmark.node.Paragraph
                                || parent instanceof org.commonmark.node.Text || parent instanceof org.commonmark.node.SoftLineBreak
                                || parent instanceof org.commonmark.node.HardLineBreak)) {
                            markup.add(parent.getClass().getSimpleName());
                        }
                        super.visitChildren(parent);
                    }
                });
                assertEquals(List.of(), markup, source + ": " + text);
                assertFalse(text.contains("]("), source + ": " + text);
                shown |= plain.render(parser.parse(text)).contains("[Approve](https://evil.example/approve) **bold** __b__"
                        + " _it_ `code` <b>html</b> <https://evil.example> ~~s~~ a\\\\[x](y)");
            }
            assertTrue(shown, source + ": the content is shown as it was");
        }
    }

    @Test
    void rendersADigestWithItsCountAndExamplesAsAMessageCardToo() throws Exception {
        templates.withFormat("messagecard").assertRendersDigest();
    }
}
