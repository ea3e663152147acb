package dev.herald.source.s3;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollLoop;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Reads log objects from S3 (CloudTrail files, Illumio audit events and flow summaries as JSON
 * Lines, plain or gzip) into the {@link Journal}, record by record, resuming mid-object after a
 * crash. New objects are found by listing the bucket in key order ({@link BucketPoller}) or from
 * S3 event notifications in an SQS queue ({@link QueueListener}). One thread per instance.
 *
 * <p>It retries a quarantined record ({@link QuarantineRetry}) with its current settings, as if
 * it read the record now; a record without an id of its own gets its location as id.
 */
@Component(configurationPid = S3Source.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = QuarantineRetry.class, immediate = true)
@Designate(ocd = S3Source.Config.class, factory = true)
public final class S3Source implements QuarantineRetry {
    /** The factory configuration PID. */
    public static final String PID = "dev.herald.source.s3";

    private static final Logger LOG = LoggerFactory.getLogger(S3Source.class);

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald source: S3 objects",
            description = "Reads CloudTrail log files and Illumio audit events and flow summaries (JSON Lines, plain or"
                    + " gzip) from an S3 bucket, found by listing the bucket or from S3 notifications in an SQS queue,"
                    + " and resumes where it stopped, mid-object, after a restart.")
    public @interface Config {
        @AttributeDefinition(name = "Name",
                description = "The source instance name: its events carry it as 'instance', its checkpoints are kept"
                        + " under it")
        String name();

        @AttributeDefinition(name = "Mode", description = "poll: list the bucket in key order; sqs: read S3 event"
                + " notifications (direct, through SNS or EventBridge) from queue_url, which lets several Herald"
                + " nodes share a bucket", options = {@Option(label = "poll (list the bucket)", value = "poll"),
                @Option(label = "sqs (S3 notifications in a queue)", value = "sqs")})
        String mode() default "poll";

        @AttributeDefinition(name = "Bucket", required = false, description = "The bucket to list (poll mode);"
                + " in sqs mode, when set, notifications of other buckets are skipped")
        String bucket() default "";

        @AttributeDefinition(name = "Prefix", required = false, description = "Only keys starting with it, e.g."
                + " AWSLogs/123456789012/CloudTrail/eu-west-1/")
        String prefix() default "";

        @AttributeDefinition(name = "Queue URL", required = false, description = "sqs mode: the queue S3 (or SNS,"
                + " or EventBridge) notifies, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/herald-logs")
        String queue__url() default "";

        @AttributeDefinition(name = "Poll interval (s)", min = "1", description = "poll mode: seconds between two"
                + " listings; both modes: the first pause after a failure (it doubles up to 5 minutes)")
        int poll__interval() default 60;

        @AttributeDefinition(name = "Start after", required = false, description = "poll mode, first run only: the"
                + " key to start after, e.g. AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/01/; empty for the"
                + " whole prefix")
        String start__after() default "";

        @AttributeDefinition(name = "Include", description = "Which keys to read: globs (a glob without '/' matches"
                + " the key's last segment) or regex:<expression> on the whole key; comma-separated in a .cfg file."
                + " CloudTrail-Digest/ files are never read")
        String[] include() default {"*.json", "*.json.gz", "*.jsonl", "*.jsonl.gz", "*.log.gz"};

        @AttributeDefinition(name = "Batch size", min = "1", max = "100000",
                description = "The most records committed to the journal at once")
        int batch__size() default 1000;

        @AttributeDefinition(name = "Largest record (bytes)", min = "1024", max = "1073741824",
                description = "The longest record read, in bytes: a line of JSON Lines, a JSON document, an element of"
                        + " an array or of CloudTrail's Records. A longer one is skipped without being held in memory and"
                        + " quarantined as too large; memory use grows with this value")
        int max__record__bytes() default RecordReader.DEFAULT_MAX_RECORD_BYTES;

        @AttributeDefinition(name = "Wait time (s)", min = "0", max = "20", description = "sqs mode: how long a"
                + " receive waits for messages (long polling)")
        int wait__time() default 20;

        @AttributeDefinition(name = "Visibility extension (s)", min = "1", max = "43200", description = "sqs mode:"
                + " how long a received message stays hidden from other readers; extended while its objects are"
                + " read")
        int visibility__extension() default 300;

        @AttributeDefinition(name = "Path-style addressing", description = "Address buckets as endpoint/bucket"
                + " instead of bucket.endpoint: for S3-compatible stores (MinIO, S3Mock) at 'endpoint'")
        boolean path__style() default false;

        @AttributeDefinition(name = "Region", required = false, description = "The bucket's (and queue's) region,"
                + " e.g. eu-west-1; empty: the SDK's default (AWS_REGION, profile)")
        String region() default "";

        @AttributeDefinition(name = "Endpoint", required = false, description = "A URL replacing S3's endpoint (an"
                + " S3 VPC endpoint, an S3-compatible store such as MinIO); empty for AWS's")
        String endpoint() default "";

        @AttributeDefinition(name = "SQS endpoint", required = false, description = "sqs mode: a URL replacing SQS's"
                + " endpoint (an SQS VPC endpoint, an SQS-compatible server); empty for AWS's")
        String sqs__endpoint() default "";

        @AttributeDefinition(name = "Credentials", description = "Where the AWS credentials come from",
                options = {@Option(label = "default (environment, web identity, instance role)", value = "default"),
                        @Option(label = "profile", value = "profile"), @Option(label = "static keys", value = "static")})
        String credentials() default "default";

        @AttributeDefinition(name = "Profile", required = false, description = "For credentials = profile: a"
                + " profile of ~/.aws/config and ~/.aws/credentials")
        String profile() default "";

        @AttributeDefinition(name = "Access key id", required = false, description = "For credentials = static")
        String access__key__id() default "";

        @AttributeDefinition(name = "Secret access key", required = false, type = AttributeType.PASSWORD,
                description = "For credentials = static")
        String secret__access__key() default "";

        @AttributeDefinition(name = "Session token", required = false, type = AttributeType.PASSWORD,
                description = "Optional with credentials = static")
        String session__token() default "";

        @AttributeDefinition(name = "Role ARN", required = false, description = "A role assumed through STS with the"
                + " credentials above, e.g. arn:aws:iam::123456789012:role/herald-reader; empty for none")
        String role__arn() default "";

        @AttributeDefinition(name = "External id", required = false, description = "The external id the role's"
                + " trust policy asks for, if any")
        String external__id() default "";

        @AttributeDefinition(name = "Role session name", description = "Names the assumed-role session in"
                + " CloudTrail")
        String role__session__name() default "herald";

        @AttributeDefinition(name = "STS endpoint", required = false, description = "A URL replacing STS's endpoint"
                + " (a VPC endpoint); empty for AWS's regional one")
        String sts__endpoint() default "";

        @AttributeDefinition(name = "Retry mode", description = "The AWS SDK's retries before a failure reaches"
                + " Herald", options = {@Option(label = "standard", value = "standard"),
                @Option(label = "adaptive", value = "adaptive"), @Option(label = "legacy", value = "legacy")})
        String retry__mode() default "standard";

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's: a TLS-inspecting proxy's, or a private endpoint's CA")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host name."
                + " Only for tests: the AWS traffic can then be read by anyone in between. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "An HTTP proxy as host:port; empty"
                + " for none")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "1")
        int connect__timeout() default 10;

        @AttributeDefinition(name = "Read timeout (s)", min = "1", description = "Must exceed wait_time in sqs mode")
        int read__timeout() default 60;

        String webconsole_configurationFactory_nameHint() default "S3 {name} ← {bucket}{queue_url}";
    }

    private final S3SourceSettings settings;
    private final AwsClients clients;
    private final PollLoop loop;
    private final RecordRecognizer recognizer;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public S3Source(Config config, AwsConnection connection, @Reference Journal journal, @Reference RecordKinds kinds) {
        this.settings = S3SourceSettings.from(config);
        this.recognizer = kinds.recognizer();
        if (settings.mode() == S3SourceSettings.Mode.SQS && connection.read__timeout() <= settings.waitTime().toSeconds()) {
            throw new IllegalArgumentException("read_timeout = " + connection.read__timeout() + " must exceed wait_time = "
                    + settings.waitTime().toSeconds() + ": an SQS receive waits that long before it answers");
        }
        this.clients = AwsClients.forInstance("source", "s3", settings.name(), connection);
        this.loop = new PollLoop("herald-source-s3-" + settings.name(), "S3 source '" + settings.name() + "'",
                settings.pollInterval());
        S3Client s3 = clients.client(S3Client.builder().forcePathStyle(settings.pathStyle()));
        if (settings.mode() == S3SourceSettings.Mode.POLL) {
            loop.start(new BucketPoller(settings, journal, s3, loop::stopping, recognizer)::poll);
            LOG.info("S3 source '{}' lists s3://{}/{} for {} every {} s", settings.name(), settings.bucket(),
                    settings.prefix(), settings.include(), settings.pollInterval().toSeconds());
        } else {
            loop.start(new QueueListener(settings, journal, s3, sqsClient(), loop::stopping, recognizer)::receive);
            LOG.info("S3 source '{}' reads the S3 notifications of {} for {}", settings.name(), settings.queueUrl(),
                    settings.include());
        }
    }

    /** SQS at sqs_endpoint: the configured endpoint is S3's (an S3-compatible store or VPC endpoint is no SQS). */
    private SqsClient sqsClient() {
        return clients.client(SqsClient.builder(), clients.settings().region().orElse(null),
                settings.sqsEndpoint().orElse(null));
    }

    @Override
    public List<Event> reread(String location, String content) throws RecordException {
        return recognizer.events(content, settings.limits().maxRecordBytes(), settings.name(), location);
    }

    @Deactivate
    void stop() {
        try {
            loop.stop();
        } finally {
            clients.close();
        }
    }
}
