package dev.herald.source.cloudtrail;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollLoop;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import dev.herald.aws.RequestPacer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * Reads AWS CloudTrail's management events through LookupEvents, per region, into the {@link
 * Journal}. One thread per instance polls every {@code poll_interval} seconds; see {@link
 * CloudTrailPoller} for what a poll does.
 *
 * <p>It retries a quarantined record ({@link QuarantineRetry}) as if it read it now: its
 * location, {@code cloudtrail:<region>:<eventID>}, gives the id LookupEvents gave it.
 */
@Component(configurationPid = CloudTrailSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = QuarantineRetry.class, immediate = true)
@Designate(ocd = CloudTrailSource.Config.class, factory = true)
public final class CloudTrailSource implements QuarantineRetry {
    /** LookupEvents answers in bounded pages of whole records, so a retried one has no size of its own to keep to. */
    private static final int NO_RECORD_CAP = Integer.MAX_VALUE;
    /** The factory configuration PID. */
    public static final String PID = "dev.herald.source.cloudtrail";

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailSource.class);

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald source: AWS CloudTrail (LookupEvents)",
            description = "Polls the management events of one or more regions through CloudTrail's LookupEvents API"
                    + " and resumes where it stopped after a restart.")
    public @interface Config {
        @AttributeDefinition(name = "Name",
                description = "The source instance name: its events carry it as 'instance', its checkpoints are kept"
                        + " under it")
        String name();

        @AttributeDefinition(name = "Regions", required = false, description = "Regions to read, each with its own"
                + " checkpoint (e.g. eu-west-1, us-east-1); 'all' for every region of the partition; empty for"
                + " 'region' alone")
        String[] regions() default {};

        @AttributeDefinition(name = "Poll interval (s)", min = "1", description = "Seconds between two polls")
        int poll__interval() default 60;

        @AttributeDefinition(name = "Overlap (s)", min = "0", description = "Each poll starts this many seconds"
                + " before the region's checkpoint, for events CloudTrail delivers late (up to ~15 minutes);"
                + " repeats are dropped by eventID")
        int overlap() default 900;

        @AttributeDefinition(name = "Backfill (h)", min = "0", max = "2160", description = "On the first run of a"
                + " region (no checkpoint yet), start this many hours in the past; LookupEvents keeps 90 days")
        int backfill__hours() default 1;

        @AttributeDefinition(name = "Lookup attribute", required = false, description = "One LookupEvents filter"
                + " as Key=Value: ReadOnly=false, EventSource=iam.amazonaws.com, EventName=ConsoleLogin, Username=…,"
                + " ResourceType=…, ResourceName=…, AccessKeyId=…, EventId=…; empty for every management event")
        String lookup__attribute() default "";

        @AttributeDefinition(name = "Max requests per second", description = "LookupEvents requests per second"
                + " and region, at most 2 (CloudTrail's limit per account and region)")
        double max__requests__per__second() default CloudTrailSettings.MAX_REQUESTS_PER_SECOND;

        @AttributeDefinition(name = "Region", required = false, description = "The region read when 'regions' is"
                + " empty, and the partition of regions = all, e.g. eu-west-1; empty: the SDK's default (AWS_REGION,"
                + " profile)")
        String region() default "";

        @AttributeDefinition(name = "Endpoint", required = false, description = "A URL replacing CloudTrail's"
                + " endpoint (a VPC endpoint); empty for AWS's")
        String endpoint() default "";

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
                + " trusted in addition to the JVM's: a TLS-inspecting proxy's, or a VPC endpoint's private CA")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host name."
                + " Only for tests: the AWS traffic can then be read by anyone in between. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Proxy", required = false, description = "An HTTP proxy as host:port; empty"
                + " for none")
        String proxy() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "1")
        int connect__timeout() default 10;

        @AttributeDefinition(name = "Read timeout (s)", min = "1")
        int read__timeout() default 60;

        String webconsole_configurationFactory_nameHint() default "CloudTrail {name} ← {regions}";
    }

    private final CloudTrailSettings settings;
    private final AwsClients clients;
    private final PollLoop loop;
    private final RecordRecognizer recognizer;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public CloudTrailSource(Config config, AwsConnection connection, @Reference Journal journal,
            @Reference RecordKinds kinds, @Reference(target = "(" + RecordKind.NAME + "=cloudtrail)") RecordKind records) {
        this(config, connection, journal, Clock.systemUTC(), kinds.including(records).recognizer());
    }

    /**
     * @param recognizer reads the looked-up records: the DS constructor waits for the cloudtrail record
     *                   kind and includes it, so that no record is read as generic JSON while the kinds
     *                   registry has yet to see it
     */
    CloudTrailSource(Config config, AwsConnection connection, Journal journal, Clock clock, RecordRecognizer recognizer) {
        this.recognizer = recognizer;
        AwsClients aws = AwsClients.forInstance("source", "cloudtrail", config.name(), connection);
        try {
            this.settings = settings(config, aws);
        } catch (IllegalArgumentException e) {
            aws.close();
            throw e;
        }
        this.clients = aws;
        Function<Region, CloudTrailClient> client = region -> aws.client(CloudTrailClient.builder(), region);
        List<RegionLookup> lookups = settings.regions().stream().map(region -> new RegionLookup(region,
                client.apply(region), RequestPacer.perSecond(settings.maxRequestsPerSecond()),
                settings.lookupAttribute())).toList();
        CloudTrailPoller poller = new CloudTrailPoller(settings, lookups, journal, clock, recognizer);
        this.loop = new PollLoop("herald-source-cloudtrail-" + settings.name(),
                "CloudTrail source '" + settings.name() + "'", settings.pollInterval());
        loop.start(poller::poll);
        LOG.info("CloudTrail source '{}' reads {} every {} s{}", settings.name(),
                settings.regions().stream().map(Region::id).toList(), settings.pollInterval().toSeconds(),
                settings.lookupAttribute().map(a -> " where " + a.attributeKeyAsString() + " = " + a.attributeValue())
                        .orElse(""));
    }

    private static CloudTrailSettings settings(Config config, AwsClients aws) {
        Optional<Region> region = aws.settings().region().or(CloudTrailSource::defaultRegion);
        try {
            return CloudTrailSettings.from(config, region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cloudtrail source '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    /** The SDK's default region (AWS_REGION, aws.region, the profile), when there is one. */
    private static Optional<Region> defaultRegion() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException none) {
            return Optional.empty();
        }
    }

    @Override
    public List<Event> reread(String location, String content) throws RecordException {
        String eventId = location.substring(location.lastIndexOf(':') + 1);
        return recognizer.events(content, NO_RECORD_CAP, settings.name(), eventId);
    }

    @Deactivate
    void stop() {
        loop.stop();
        clients.close();
    }

}
