package dev.herald.testkit.sink;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.api.sink.Escaping;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template assertions sinks share pass on safe templates and fail on the unsafe ones they guard against. */
class SinkTemplatesAssertionsTest {
    @TempDir
    Path bundle;

    private SinkTemplates jsonTemplates(String cloudTrail, String other) throws Exception {
        Files.createDirectories(bundle.resolve("templates"));
        Files.writeString(bundle.resolve("templates/cloudtrail.peb"), cloudTrail);
        Files.writeString(bundle.resolve("templates/default.peb"), other);
        return SinkTemplates.of("acme", Escaping.JSON).withBundleResources(bundle);
    }

    @Test
    void aConsoleLinkBuiltFromTheEncodedRegionStaysOnTheConsole() throws Exception {
        jsonTemplates("{\"text\": \"https://{{ event.detail.awsRegion | urlencode }}.console.aws.amazon.com/x\"}", "{}")
                .assertConsoleLinksStayOnTheConsole();
    }

    /** A link whose host the raw region can move, and a body with no console link at all. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"text\": \"https://{{ event.detail.awsRegion }}.console.aws.amazon.com/x\"}",
        "{\"text\": \"{{ event.detail.awsRegion }}\"}"})
    void aLinkTheRegionCanMoveOrNoConsoleLinkFails(String cloudTrailTemplate) throws Exception {
        SinkTemplates templates = jsonTemplates(cloudTrailTemplate, "{}");
        assertThrows(AssertionError.class, templates::assertConsoleLinksStayOnTheConsole);
    }

    @Test
    void escapedContentStaysInsideTheStrings() throws Exception {
        String template = "{\"text\": \"{{ event.type }}\", \"detail\": {{ event.detail | tojson }}}";
        jsonTemplates(template, template).assertHostileContentStaysInsideStrings();
    }

    /** Unescaped content that breaks the JSON, and a body that drops the hostile text. */
    @ParameterizedTest
    @ValueSource(strings = {"{% autoescape false %}{\"text\": \"{{ event.type }}\"}{% endautoescape %}",
        "{\"text\": \"fixed\"}"})
    void unescapedOrDroppedHostileContentFails(String template) throws Exception {
        SinkTemplates templates = jsonTemplates(template, template);
        assertThrows(AssertionError.class, templates::assertHostileContentStaysInsideStrings);
    }

    @Test
    void aBodyThatIsNotJsonHasNoStringsToStayInside() throws Exception {
        SinkTemplates templates = SinkTemplates.of("acme", Escaping.NONE).withBundleResources(bundle);
        assertThrows(IllegalStateException.class, templates::assertHostileContentStaysInsideStrings);
    }
}
