package dev.herald.source.file;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.JsonPointers;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollLoop;
import dev.herald.api.source.QuarantineRetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the JSON Lines, JSON and CloudTrail files (plain or gzip) that appear in a directory,
 * record by record, into the {@link Journal}. One thread per instance looks at the directory
 * every {@code poll_interval} seconds, and at once when a new entry appears in it ({@link
 * DirectoryWatch}); see {@link DirectoryPoller} for what it does there.
 *
 * <p>It retries a quarantined record ({@link QuarantineRetry}) with its current settings, as if
 * it read the record now; a record without an id of its own gets its location as id.
 */
@Component(configurationPid = FileSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = QuarantineRetry.class, immediate = true)
@Designate(ocd = FileSource.Config.class, factory = true)
public final class FileSource implements QuarantineRetry {
    /** The factory configuration PID. */
    public static final String PID = "dev.herald.source.file";

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald source: files in a directory",
            description = "Reads JSON Lines, JSON and CloudTrail log files (plain or gzip) that appear in a directory,"
                    + " once each, record by record, and resumes where it stopped after a restart.")
    public @interface Config {
        @AttributeDefinition(name = "Name",
                description = "The source instance name: its events carry it as 'instance', its checkpoints are kept under it")
        String name();

        @AttributeDefinition(name = "Directory",
                description = "The directory to watch, subdirectories included; a relative path is resolved against the"
                        + " Herald home (karaf.home)")
        String directory();

        @AttributeDefinition(name = "Include",
                description = "Glob patterns of the files to read (comma-separated in a .cfg file). A pattern without '/'"
                        + " matches file names, one with '/' the path relative to the directory. Names starting with '.'"
                        + " are never read (files being written).")
        String[] include() default {"*.json", "*.jsonl", "*.json.gz", "*.jsonl.gz"};

        @AttributeDefinition(name = "Poll interval (s)", min = "1",
                description = "Seconds between two looks at the directory for files that grew; a new file (written"
                        + " or moved in, in any subdirectory) is noticed at once where the file system can be watched")
        int poll__interval() default 2;

        @AttributeDefinition(name = "Settle time (ms)", min = "0",
                description = "How long a file must stay unchanged (size and modification time) before it is read")
        long settle__time() default 500;

        @AttributeDefinition(name = "Batch size", min = "1", max = "100000",
                description = "The most records committed to the journal at once")
        int batch__size() default 1000;

        @AttributeDefinition(name = "Largest record (bytes)", min = "1024", max = "1073741824",
                description = "The longest record read, in bytes: a line of JSON Lines, a JSON document, an element of"
                        + " an array or of CloudTrail's Records. A longer one is skipped without being held in memory and"
                        + " quarantined as too large; memory use grows with this value")
        int max__record__bytes() default RecordReader.DEFAULT_MAX_RECORD_BYTES;

        @AttributeDefinition(name = "Id pointer (other JSON)", required = false,
                description = "JSON pointer to the id of records of no known kind (e.g. /eventId); empty: the file name"
                        + " and line, which re-reading the same file content reproduces")
        String id__pointer() default JsonPointers.DEFAULT_ID;

        @AttributeDefinition(name = "Type pointer (other JSON)", required = false,
                description = "JSON pointer to the event type of records of no known kind")
        String type__pointer() default JsonPointers.DEFAULT_TYPE;

        @AttributeDefinition(name = "Time pointer (other JSON)", required = false,
                description = "JSON pointer to the time of records of no known kind: ISO-8601, or epoch seconds or"
                        + " milliseconds")
        String time__pointer() default JsonPointers.DEFAULT_TIME;

        @AttributeDefinition(name = "Severity pointer (other JSON)", required = false,
                description = "JSON pointer to a severity word (info, low, warning, high, …) of records of no known kind")
        String severity__pointer() default JsonPointers.DEFAULT_SEVERITY;

        String webconsole_configurationFactory_nameHint() default "Files {name} ← {directory}";
    }

    private final FileSourceSettings settings;
    private final Journal journal;
    private final DirectoryPoller poller;
    private final PollLoop loop;
    private final RecordRecognizer recognizer;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public FileSource(Config config, @Reference Journal journal, BundleContext context, @Reference RecordKinds kinds) {
        this(FileSourceSettings.from(config, home(context)), journal, kinds);
    }

    /** @param kinds the record kinds present, looked up for every record: a kind installed later counts from then on */
    FileSource(FileSourceSettings settings, Journal journal, RecordKinds kinds) {
        this.settings = settings;
        this.recognizer = kinds.recognizer(settings.pointers());
        this.journal = journal;
        this.loop = new PollLoop("herald-source-file-" + settings.name(), "File source '" + settings.name() + "'",
                settings.pollInterval());
        this.poller = new DirectoryPoller(settings, journal, loop::stopping, kinds);
        loop.start(this::poll);
        LOG.info("File source '{}' watches {} for {}: new files at once, grown ones every {} s", settings.name(),
                settings.directory(), settings.include(), settings.pollInterval().toSeconds());
    }

    @Override
    public List<Event> reread(String location, String content) throws RecordException {
        return recognizer.events(content, settings.limits().maxRecordBytes(), settings.name(), location);
    }

    @Deactivate
    void stop() {
        loop.stop();
        poller.close();
    }

    /**
     * One look at the directory, then the wait for the next ({@link DirectoryPoller#awaitNextLook}:
     * a new file ends it); whatever goes wrong, the next look is still scheduled.
     */
    private Duration poll() throws InterruptedException {
        try {
            poller.poll();
        } catch (RuntimeException | LinkageError e) {
            if (loop.stopping()) {
                return settings.pollInterval();
            }
            LOG.error("File source '{}': reading {} failed; trying again in {} s", settings.name(),
                    settings.directory(), settings.pollInterval().toSeconds(), e);
            journal.problem(settings.name(), "reading " + settings.directory() + " failed (" + e + "); see karaf.log,"
                    + " trying again every " + settings.pollInterval().toSeconds() + " s");
            return settings.pollInterval();
        }
        poller.awaitNextLook();
        return Duration.ZERO;
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("karaf.home");
        return Path.of(home != null ? home : System.getProperty("user.dir"));
    }
}
