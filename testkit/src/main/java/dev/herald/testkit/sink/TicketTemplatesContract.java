package dev.herald.testkit.sink;

import org.junit.jupiter.api.Test;

/**
 * {@link JsonTemplatesContract} and what the templates of a ticketing sink (one ticket per
 * finding, updated as the finding changes) promise: a Security Hub finding's {@code group_key} is
 * its id, and other records have none.
 */
public abstract class TicketTemplatesContract extends JsonTemplatesContract {
    protected TicketTemplatesContract(SinkTemplates templates) {
        super(templates);
    }

    @Test
    void theSecurityHubTemplateGroupsByFindingIdAndTheOthersDoNot() throws Exception {
        templates.assertGroupsFindingsById();
    }
}
