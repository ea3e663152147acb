package dev.herald.testkit.sink;

import org.junit.jupiter.api.Test;

/**
 * What the default templates of every sink with a JSON body promise, as JUnit 5 tests a sink's
 * template test inherits: the runbook and the route's annotations show, a digest shows its count
 * and examples, hostile content of every record kind stays inside the JSON strings, and a console
 * link cannot be pointed elsewhere by a record. {@link TicketTemplatesContract} adds what a
 * ticketing sink promises.
 *
 * <pre>{@code
 * class DefaultTemplatesTest extends JsonTemplatesContract {
 *     DefaultTemplatesTest() {
 *         super(SinkTemplates.of(AcmeSink.class));
 *     }
 * }
 * }</pre>
 */
public abstract class JsonTemplatesContract {
    /** The sink's templates, as its tests render them (one instance: its engine is built once). */
    protected final SinkTemplates templates;

    protected JsonTemplatesContract(SinkTemplates templates) {
        this.templates = templates;
    }

    @Test
    void showsTheRunbookAndTheRouteAnnotationsWhenThereAreAny() throws Exception {
        templates.assertShowsRunbookAndAnnotations();
    }

    @Test
    void rendersADigestWithItsCountAndExamples() throws Exception {
        templates.assertRendersDigest();
    }

    @Test
    void hostileContentOfEveryRecordKindStaysInsideTheJsonStrings() throws Exception {
        templates.assertHostileContentStaysInsideStrings();
    }

    /** The console link keeps the AWS console's host whatever the record's region holds. */
    @Test
    void theConsoleUrlCannotPointElsewhere() throws Exception {
        templates.assertConsoleLinksStayOnTheConsole();
    }
}
