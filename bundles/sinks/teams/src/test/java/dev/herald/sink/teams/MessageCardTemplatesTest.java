package dev.herald.sink.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MessageCard templates, selected the documented way (copied to
 * etc/herald/templates/teams/), render legacy connector cards.
 */
class MessageCardTemplatesTest {
    @TempDir
    Path etcTemplates;

    @BeforeEach
    void copyTheMessageCardTemplatesAsTheReadmeSays() throws IOException {
        Path target = Files.createDirectories(etcTemplates.resolve("teams"));
        try (var files = Files.list(Path.of("src/main/resources/templates/messagecard"))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    /** The sections' facts of a MessageCard, after checking its required fields. */
    static Map<String, String> facts(JsonNode card) {
        assertEquals("MessageCard", card.path("@type").asText());
        assertEquals("https://schema.org/extensions", card.path("@context").asText());
        assertFalse(card.path("summary").asText().isBlank());
        assertTrue(card.path("themeColor").asText().matches("[0-9A-F]{6}"), card.path("themeColor").asText());
        assertFalse(card.path("title").asText().isBlank());
        JsonNode section = card.path("sections").get(0);
        assertFalse(section.path("activityTitle").asText().isBlank());
        assertFalse(section.path("markdown").asBoolean(true), "record text must not be read as Markdown");
        Map<String, String> facts = new LinkedHashMap<>();
        section.path("facts").forEach(f -> facts.put(f.path("name").asText(), f.path("value").asText()));
        return facts;
    }

    @Test
    void pceAuditEvent() throws Exception {
        JsonNode card = Cards.renderJson(Cards.pce(), Severity.MEDIUM, etcTemplates);
        assertEquals(Map.of("Event type", "rule_set.update", "Status", "success",
                "User", "maria.lopez@corp.example.com", "Source IP", "198.51.100.24", "PCE", "pce.corp.example.com",
                "Time", "2026-11-03T08:41:05.117Z"), facts(card));
        assertEquals("FFB900", card.path("themeColor").asText());
    }

    @Test
    void cloudTrailRecordLinksToTheConsole() throws Exception {
        JsonNode card = Cards.renderJson(Cards.cloudtrail(), Severity.HIGH, etcTemplates);
        Map<String, String> facts = facts(card);
        assertEquals("arn:aws:iam::123456789012:user/bob", facts.get("Who"));
        assertEquals("us-east-1", facts.get("Region"));
        assertTrue(facts.get("Error").startsWith("AccessDenied"));
        JsonNode action = card.path("potentialAction").get(0);
        assertEquals("OpenUri", action.path("@type").asText());
        assertEquals("https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1"
                + "#/events/4dae2063-8b5c-4e19-af7d-2c3e6a9b1f52", action.path("targets").get(0).path("uri").asText());
    }

    @Test
    void securityHubFindingLinksToItsRemediation() throws Exception {
        JsonNode card = Cards.renderJson(Cards.finding(), Severity.CRITICAL, etcTemplates);
        Map<String, String> facts = facts(card);
        assertEquals("CRITICAL", facts.get("Severity"));
        assertEquals("FAILED", facts.get("Compliance"));
        assertEquals("A4262C", card.path("themeColor").asText());
        assertEquals("https://docs.aws.amazon.com/console/securityhub/EC2.19/remediation",
                card.path("potentialAction").get(0).path("targets").get(0).path("uri").asText());
    }

    @Test
    void hostileContentStaysInsideItsStrings() throws Exception {
        ObjectNode trail = (ObjectNode) Cards.JSON.readTree(Cards.CLOUDTRAIL);
        trail.put("eventName", Cards.HOSTILE).put("errorCode", Cards.HOSTILE).put("eventID", Cards.HOSTILE);
        JsonNode card = Cards.renderJson(Cards.event("cloudtrail", "t", Severity.HIGH, trail.toString()),
                Severity.HIGH, etcTemplates);
        assertEquals(Cards.HOSTILE, facts(card).get("Event"));

        ObjectNode finding = (ObjectNode) Cards.JSON.readTree(Cards.FINDING);
        finding.put("Title", Cards.HOSTILE);
        ((ObjectNode) finding.path("Remediation").path("Recommendation")).put("Url", "javascript:alert(1)");
        card = Cards.renderJson(Cards.event("securityhub", "t", Severity.HIGH, finding.toString()), Severity.HIGH,
                etcTemplates);
        assertEquals(Cards.HOSTILE, facts(card).get("Title"));
        assertEquals(0, card.path("potentialAction").size());

        Event other = Cards.event("json", Cards.HOSTILE, Severity.INFO,
                Cards.JSON.createObjectNode().put("m", Cards.HOSTILE).toString());
        card = Cards.renderJson(other, Severity.INFO, etcTemplates);
        assertEquals(Cards.HOSTILE, facts(card).get("Type"));
        assertEquals(other.raw(), card.path("sections").get(0).path("text").asText());
    }
}
