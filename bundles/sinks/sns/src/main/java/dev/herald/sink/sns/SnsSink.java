package dev.herald.sink.sns;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.api.sink.TemplateSets;
import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes notifications to an Amazon SNS topic (standard or FIFO) or as SMS to one phone
 * number. The rendered template is {@code {"subject": "...", "message": ...}} (see {@link
 * SnsMessage}); every message carries the String attributes {@code herald.event_type}, {@code
 * herald.severity} and {@code herald.source} for subscription filter policies. On a FIFO topic the
 * group id is {@code message_group_id} and the deduplication id the notification's idempotency
 * key, so SNS drops a retried copy within its 5-minute deduplication window. Batches go out as
 * PublishBatch calls of at most 10 entries and 256 KiB; SMS has no batch call and is published one
 * by one.
 *
 * <p>Like every configuration key, {@code format} ({@link Sink#FORMAT}) and {@code rate} ({@link
 * Sink#RATE}) become service properties, through which the dispatcher picks the templates and caps
 * the message rate.
 */
@Component(service = Sink.class, configurationPid = SnsSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = SnsSink.Config.class, factory = true)
public final class SnsSink implements BatchSink {
    static final String PID = "dev.herald.sink.sns";
    /**
     * The FIFO group of every message unless configured: one group keeps all of this sink's
     * messages in Herald's order, and Herald's rates are far below a group's throughput.
     */
    static final String DEFAULT_MESSAGE_GROUP_ID = "herald";

    @ObjectClassDefinition(name = "Herald sink: Amazon SNS",
            description = "Publishes each notification to an SNS topic (standard or FIFO) or as an SMS to one phone"
                    + " number. The rendered template is {\"subject\": \"...\", \"message\": ...}.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Topic ARN", required = false, description = "The topic, e.g."
                + " arn:aws:sns:eu-west-1:123456789012:security-alerts (a FIFO topic's name ends in .fifo). Set this"
                + " or phone_number.")
        String topic__arn() default "";

        @AttributeDefinition(name = "Phone number", required = false, description = "An E.164 number (+14155550100)"
                + " that gets each message as an SMS. Set this or topic_arn.")
        String phone__number() default "";

        @AttributeDefinition(name = "Message group id", description = "FIFO topics only: the MessageGroupId of every"
                + " message; SNS delivers one group in order. Up to 128 letters, digits and punctuation.")
        String message__group__id() default DEFAULT_MESSAGE_GROUP_ID;

        @AttributeDefinition(name = "Send the subject", description = "Send the template's subject (the e-mail"
                + " subject of e-mail subscriptions, 'Subject' for SQS/HTTP ones). Made ASCII without line breaks and"
                + " shorter than 100 characters. Never sent with SMS.")
        boolean subject() default true;

        @AttributeDefinition(name = "Format", description = "The message: a JSON document for programs (the original"
                + " record and Herald's envelope), or readable text for e-mail and SMS. Templates:"
                + " templates/<format>/<event.source>.peb, overridable in etc/herald/templates/sns/.",
                options = {@Option(label = "JSON (record + envelope)", value = "json"),
                        @Option(label = "Text (e-mail, SMS)", value = "text")})
        String format() default "json";

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most messages per second. A"
                + " topic takes thousands; SMS accounts are often limited to 20 per second. 0: no limit.")
        int rate() default 0;

        @AttributeDefinition(name = "Region", required = false, description = "Empty: the topic ARN's region (for"
                + " SMS: the SDK's default, AWS_REGION or the profile's)")
        String region() default "";

        @AttributeDefinition(name = "Endpoint", required = false, description = "A URL replacing SNS's endpoint (a"
                + " VPC endpoint); empty for AWS's")
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
                + " credentials above, e.g. arn:aws:iam::123456789012:role/herald-publisher; empty for none")
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

        String webconsole_configurationFactory_nameHint() default "SNS {name} → {topic_arn}{phone_number}";
    }

    private final SnsTarget target;
    private final boolean withSubject;
    private final String messageGroupId;
    private final AwsClients clients;
    private final SnsClient sns;

    /** Started by Declarative Services with the instance's configuration. */
    @Activate
    public SnsSink(Config config, AwsConnection connection) {
        SinkSetup setup = SinkSetup.of("sns", config.name(), config.rate());
        try {
            this.target = SnsTarget.of(config.topic__arn(), config.phone__number());
            this.withSubject = config.subject() && target.isTopic();
            this.messageGroupId = target.isFifo() ? messageGroupId(config.message__group__id()) : null;
            TemplateSets.name("sns", config.format(), List.of("json", "text"));
            this.clients = AwsClients.create("sink sns/" + setup.name(), connection);
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        try {
            this.sns = client(clients, target);
        } catch (RuntimeException e) {
            clients.close();
            throw setup.invalid(new IllegalArgumentException(e.getMessage(), e));
        }
    }

    /** Closes the SNS client. */
    @Deactivate
    public void close() {
        clients.close();
    }

    @Override
    public int maxBatchSize() {
        return PublishBatches.MAX_ENTRIES;
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        SnsMessage message = SnsMessage.of(notification, withSubject, messageGroupId);
        PublishRequest.Builder request = PublishRequest.builder()
                .message(message.message())
                .subject(message.subject())
                .messageAttributes(attributes(message))
                .messageGroupId(message.messageGroupId())
                .messageDeduplicationId(message.deduplicationId());
        if (target.isTopic()) {
            request.topicArn(target.topicArn());
        } else {
            request.phoneNumber(target.phoneNumber());
        }
        try {
            sns.publish(request.build());
        } catch (SdkException e) {
            throw SnsFailures.of(e, target);
        }
    }

    @Override
    public Map<String, DeliveryException> sendBatch(List<Notification> batch) throws DeliveryException {
        Map<String, DeliveryException> failures = new LinkedHashMap<>();
        if (!target.isTopic()) {
            // SMS has no batch call
            for (Notification n : batch) {
                try {
                    send(n);
                } catch (DeliveryException e) {
                    failures.put(n.idempotencyKey(), e);
                }
            }
            return failures;
        }
        List<Prepared> prepared = new ArrayList<>();
        for (Notification n : batch) {
            try {
                prepared.add(new Prepared(n.idempotencyKey(), SnsMessage.of(n, withSubject, messageGroupId)));
            } catch (DeliveryException e) {
                failures.put(n.idempotencyKey(), e);
            }
        }
        List<List<Prepared>> calls = PublishBatches.split(prepared, p -> p.message().size());
        for (List<Prepared> call : calls) {
            try {
                publishBatch(call, failures);
            } catch (DeliveryException e) {
                if (calls.size() == 1 && failures.isEmpty()) {
                    throw e;
                }
                call.forEach(p -> failures.put(p.key(), e));
            }
        }
        return failures;
    }

    /** One PublishBatch call; the entries SNS did not publish go into {@code failures}. */
    private void publishBatch(List<Prepared> call, Map<String, DeliveryException> failures)
            throws DeliveryException {
        Map<String, String> keyByEntryId = new HashMap<>();
        List<PublishBatchRequestEntry> entries = new ArrayList<>();
        for (Prepared p : call) {
            // entry ids only need to be unique within the call; idempotency keys may hold characters SNS refuses
            String id = "m" + entries.size();
            keyByEntryId.put(id, p.key());
            SnsMessage m = p.message();
            entries.add(PublishBatchRequestEntry.builder().id(id)
                    .message(m.message())
                    .subject(m.subject())
                    .messageAttributes(attributes(m))
                    .messageGroupId(m.messageGroupId())
                    .messageDeduplicationId(m.deduplicationId())
                    .build());
        }
        PublishBatchResponse response;
        try {
            response = sns.publishBatch(r -> r.topicArn(target.topicArn()).publishBatchRequestEntries(entries));
        } catch (SdkException e) {
            throw SnsFailures.of(e, target);
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            String key = keyByEntryId.get(failed.id());
            if (key != null) {
                failures.put(key, SnsFailures.of(failed, target));
            }
        }
    }

    private static Map<String, MessageAttributeValue> attributes(SnsMessage message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return attributes;
    }

    /**
     * The configured region; else a topic's own region, since SNS only publishes to a topic in its
     * region; else (SMS) the SDK's default region.
     */
    private static SnsClient client(AwsClients clients, SnsTarget target) {
        Optional<Region> configured = clients.settings().region();
        Optional<String> topicRegion = target.arnRegion();
        if (configured.isPresent() && topicRegion.isPresent() && !configured.get().id().equals(topicRegion.get())) {
            throw new IllegalArgumentException("region " + configured.get().id() + " is not the topic's region "
                    + topicRegion.get() + ": SNS publishes to a topic only in its own region; leave region empty");
        }
        if (configured.isEmpty() && topicRegion.isPresent()) {
            return clients.client(SnsClient.builder(), Region.of(topicRegion.get()));
        }
        try {
            return clients.client(SnsClient.builder());
        } catch (SdkClientException e) {
            if (configured.isEmpty()) {
                throw new IllegalArgumentException("region is required for phone_number (the SDK found no default"
                        + " region in AWS_REGION or the profile): set region to where SMS is enabled, e.g. us-east-1", e);
            }
            throw e;
        }
    }

    private static String messageGroupId(String value) {
        String id = value == null ? "" : value.trim();
        if (!SnsMessage.FIFO_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("message_group_id '" + id + "' must be 1 to 128 letters, digits or"
                    + " punctuation characters (a FIFO topic needs one); e.g. " + DEFAULT_MESSAGE_GROUP_ID);
        }
        return id;
    }

    /** A notification ready to publish, under its idempotency key. */
    private record Prepared(String key, SnsMessage message) {
    }
}
