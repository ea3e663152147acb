package dev.herald.shell;

import dev.herald.api.record.RecordKinds;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * A command that reads a file of records as Herald's sources do: with the record kinds present
 * (Karaf injects core's {@link RecordKinds}), so that a record whose kind plugin is installed is
 * shown as that kind, and any other as generic JSON.
 */
abstract class RecordReadingCommand extends HeraldCommand {

    @Reference
    RecordKinds kinds;
}
