package dev.herald.testkit.sink;

import org.junit.jupiter.api.Test;

/**
 * What the default templates of every sink promise, as JUnit 5 tests a sink's template test
 * inherits: the runbook and the route's annotations show, and a digest shows its count and
 * examples. {@link JsonTemplatesContract} adds what a JSON body promises.
 *
 * <pre>{@code
 * class TemplatesTest extends TemplatesContract {
 *     TemplatesTest() {
 *         super(SinkTemplates.of(AcmeSink.class));
 *     }
 * }
 * }</pre>
 */
public abstract class TemplatesContract {
    /** The sink's templates, as its tests render them (one instance: its engine is built once). */
    protected final SinkTemplates templates;

    protected TemplatesContract(SinkTemplates templates) {
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
}
