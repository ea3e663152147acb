package dev.herald.testkit.sink;

import org.junit.jupiter.api.Test;

/**
 * {@link TemplatesContract} and what the default templates of a sink with a JSON body that links
 * to the AWS console promise, as JUnit 5 tests a sink's template test inherits: hostile content of
 * every record kind stays inside the JSON strings, and a console link cannot be pointed elsewhere
 * by a record. {@link TicketTemplatesContract} adds what a
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
public abstract class JsonTemplatesContract extends TemplatesContract {
    protected JsonTemplatesContract(SinkTemplates templates) {
        super(templates);
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
