package dev.herald.sink.syslog;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.IdempotencyKeys;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.api.sink.TemplateSets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications as syslog messages (RFC 5424 or RFC 3164 headers) over UDP, TCP or TLS to
 * a SIEM or a relay. The body is the rendered template of the configured {@code format}: the
 * original record (json), CEF, LEEF or LogRhythm key=value. TCP and TLS use one persistent
 * connection and write a whole batch at once; a failed write drops the connection and fails the
 * batch as retryable, so delivery is at least once (a retried batch may repeat messages the
 * receiver already took).
 *
 * <p>Like every configuration key, {@code format} ({@link Sink#FORMAT}, default {@code json})
 * and {@code rate} ({@link Sink#RATE}) become service properties, through which the dispatcher
 * picks the templates and caps the message rate.
 */
@Component(service = Sink.class, configurationPid = SyslogSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.NONE)
@IdempotencyKeys(false) // a syslog receiver does not deduplicate: no key is hashed per message
@Designate(ocd = SyslogSink.Config.class, factory = true)
public final class SyslogSink implements BatchSink {
    static final String PID = "dev.herald.sink.syslog";
    private static final int MAX_BATCH = 500;
    /** A message buffer that grew past this (a huge max_message_size) lets the memory go after the message. */
    private static final int KEEP_MESSAGE_BYTES = 64 * 1024;

    @ObjectClassDefinition(name = "Herald sink: syslog",
            description = "Sends each notification as a syslog message (RFC 5424 or 3164) over UDP, TCP or TLS;"
                    + " the body is the original record (json), CEF, LEEF or LogRhythm key=value.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "Host", description = "The syslog receiver (SIEM, collector or relay).")
        String host();

        @AttributeDefinition(name = "Port", min = "0", max = "65535",
                description = "0: the standard port, 514 for udp and tcp, 6514 for tls.")
        int port() default 0;

        @AttributeDefinition(name = "Transport", options = {@Option(label = "TCP", value = "tcp"),
                @Option(label = "TLS (RFC 5425)", value = "tls"), @Option(label = "UDP (may lose messages)", value = "udp")})
        String transport() default "tcp";

        @AttributeDefinition(name = "Framing", description = "How messages are delimited on tcp (RFC 6587); tls is"
                + " always octet counting, udp has none.", options = {
                        @Option(label = "Octet counting (length prefix)", value = "octet_counting"),
                        @Option(label = "Line feed (line breaks in a message become spaces)", value = "lf")})
        String framing() default "octet_counting";

        @AttributeDefinition(name = "Header", options = {@Option(label = "RFC 5424", value = "rfc5424"),
                @Option(label = "RFC 3164 (BSD)", value = "rfc3164")})
        String header() default "rfc5424";

        @AttributeDefinition(name = "Facility", description = "A name (local0 … local7, auth, authpriv, …) or a"
                + " number 0–23. PRI = facility × 8 + severity (critical 2, high 3, medium 4, low 5, info 6).")
        String facility() default "local0";

        @AttributeDefinition(name = "App name", description = "APP-NAME (RFC 5424) or TAG (RFC 3164): up to 48"
                + " (3164: 32) printable ASCII characters without spaces.")
        String app__name() default "herald";

        @AttributeDefinition(name = "Host name", required = false,
                description = "HOSTNAME in the header. Empty: this machine's host name.")
        String hostname() default "";

        @AttributeDefinition(name = "MSGID", required = false, description = "RFC 5424 MSGID, up to 32 printable"
                + " ASCII characters. Empty: each event's type (CreateUser, user.login_failed, …).")
        String msgid() default "";

        @AttributeDefinition(name = "Format", description = "The body: the original record, or a SIEM layout."
                + " Templates: templates/<format>/<event.source>.peb, overridable in etc/herald/templates/syslog/.",
                options = {@Option(label = "JSON (the original record)", value = "json"),
                        @Option(label = "CEF (ArcSight)", value = "cef"), @Option(label = "LEEF 2.0 (QRadar)", value = "leef"),
                        @Option(label = "LogRhythm Open Collector key=value", value = "logrhythm")})
        String format() default "json";

        @AttributeDefinition(name = "CA bundle", required = false, description = "tls: a PEM file of CA"
                + " certificates trusted in addition to the JVM's, for a receiver with a private CA.")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Client certificate", required = false,
                description = "tls: a PEM client certificate (chain) for receivers that require one.")
        String client__certificate() default "";

        @AttributeDefinition(name = "Client key", required = false, description = "tls: the PEM file of the client"
                + " certificate's unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); protect it by file permissions.")
        String client__key() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host"
                + " name. Only for tests: the traffic can be read and changed. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Connect timeout (s)", min = "1", description = "For the TCP connection and the TLS handshake.")
        int connect__timeout() default 10;

        @AttributeDefinition(name = "Write timeout (s)", min = "1",
                description = "The longest a batch may take to write before the connection is dropped and the batch retried.")
        int write__timeout() default 30;

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most messages per second. 0: no limit.")
        int rate() default 0;

        @AttributeDefinition(name = "Max message size (bytes)", min = "0", description = "Longer messages are cut"
                + " (at a character boundary). 0: 8192 for tcp and tls, 2048 for udp.")
        int max__message__size() default 0;

        String webconsole_configurationFactory_nameHint() default "Syslog {name} → {transport}://{host}";
    }

    private final MessageFormatter formatter;
    private final Transport transport;
    /** The batch being sent and the message being formatted, used again for every batch. */
    private final Frames frames;
    private final Bytes message = new Bytes(8192);
    private final String endpoint;

    @Activate
    public SyslogSink(Config config) {
        this(config, ZoneId.systemDefault());
    }

    /** With the zone of RFC 3164 time stamps replaceable, for tests. */
    SyslogSink(Config config, ZoneId zone) {
        SinkSetup setup = SinkSetup.of("syslog", config.name(), config.rate());
        String name = setup.name();
        try {
            String host = required(config.host(), "host", "the syslog receiver's host name or address");
            String kind = oneOf(config.transport(), "transport", List.of("udp", "tcp", "tls"));
            int port = port(config.port(), kind);
            Framing framing = framing(config.framing(), kind);
            MessageFormatter.Header header = MessageFormatter.Header.valueOf(
                    oneOf(config.header(), "header", List.of("rfc5424", "rfc3164")).toUpperCase(Locale.ROOT));
            TemplateSets.name("syslog", config.format(), List.of("json", "cef", "leef", "logrhythm"));
            String appName = token(config.app__name(), "app_name", header == MessageFormatter.Header.RFC3164 ? 32 : 48);
            String hostname = config.hostname().isBlank() ? localHostName() : token(config.hostname(), "hostname", 255);
            String msgid = config.msgid().isBlank() ? "" : token(config.msgid(), "msgid", 32);
            int maxSize = maxMessageSize(config.max__message__size(), kind);
            positive(config.connect__timeout(), "connect_timeout");
            positive(config.write__timeout(), "write_timeout");
            if (!kind.equals("tls") && (config.insecure() || !config.ca__bundle().isBlank()
                    || !config.client__certificate().isBlank())) {
                throw new IllegalArgumentException("ca_bundle, client_certificate and insecure apply to transport = tls"
                        + " only; set transport = tls or remove them");
            }
            this.formatter = new MessageFormatter(name, header, Facility.code(config.facility()), appName, hostname,
                    msgid, maxSize, framing == Framing.LF, zone);
            this.endpoint = kind + "://" + host + ":" + port;
            this.frames = new Frames(kind.equals("udp") ? null : framing);
            this.transport = kind.equals("udp") ? new UdpTransport(host, port)
                    : new StreamTransport(name, host, port, kind.equals("tls")
                            ? TlsContexts.create(config.ca__bundle(), config.client__certificate(), config.client__key(),
                                    config.insecure()).getSocketFactory() : null,
                            !config.insecure(), Duration.ofSeconds(config.connect__timeout()),
                            Duration.ofSeconds(config.write__timeout()));
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
        if (config.insecure()) {
            LoggerFactory.getLogger(SyslogSink.class).warn("syslog sink '{}': insecure = true, so {} is NOT"
                    + " authenticated: anyone on the network path can read and change the events. Set ca_bundle and"
                    + " insecure = false.", name, endpoint);
        }
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        write(List.of(notification));
    }

    @Override
    public Map<String, DeliveryException> sendBatch(List<Notification> batch) throws DeliveryException {
        write(batch);
        return Map.of();
    }

    /**
     * Formats and sends, with the buffers of the sink used again: one batch at a time (a test
     * send from the console may come while the dispatcher sends a batch).
     */
    private synchronized void write(List<Notification> notifications) throws DeliveryException {
        frames.clear();
        for (Notification n : notifications) {
            message.clear(KEEP_MESSAGE_BYTES);
            formatter.format(n, message);
            frames.add(message);
        }
        try {
            transport.send(frames);
        } catch (IOException e) {
            throw Failures.of(e, endpoint);
        }
    }

    @Deactivate
    void deactivate() {
        transport.close();
    }

    private static int port(int port, String transport) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number: use 1–65535, or 0 for"
                    + " the standard port (514 udp/tcp, 6514 tls)");
        }
        return port != 0 ? port : transport.equals("tls") ? 6514 : 514;
    }

    private static Framing framing(String value, String transport) {
        String framing = oneOf(value, "framing", List.of("octet_counting", "lf"));
        if (transport.equals("tls") && framing.equals("lf")) {
            throw new IllegalArgumentException("framing = lf is not allowed with transport = tls: RFC 5425 requires"
                    + " octet counting; remove framing or set it to octet_counting");
        }
        return framing.equals("lf") ? Framing.LF : Framing.OCTET_COUNTING;
    }

    private static int maxMessageSize(int value, String transport) {
        if (value < 0 || value > 0 && value < 480) {
            throw new IllegalArgumentException("max_message_size " + value + " is too small: receivers must accept"
                    + " 480 bytes (RFC 5424); use 0 for the default (8192 tcp/tls, 2048 udp)");
        }
        if (transport.equals("udp") && value > 65507) {
            throw new IllegalArgumentException("max_message_size " + value + " does not fit a UDP datagram (65507)");
        }
        return value != 0 ? value : transport.equals("udp") ? 2048 : 8192;
    }

    /** A header field: printable US-ASCII, no spaces, at most {@code max} characters. */
    private static String token(String value, String property, int max) {
        String v = required(value, property, "printable ASCII without spaces");
        if (v.length() > max || !MessageFormatter.printableAscii(v, max).equals(v)) {
            throw new IllegalArgumentException(property + " '" + v + "' must be 1–" + max
                    + " printable ASCII characters without spaces");
        }
        return v;
    }

    private static String localHostName() {
        try {
            String name = MessageFormatter.printableAscii(InetAddress.getLocalHost().getHostName(), 255);
            return name.isEmpty() ? "-" : name;
        } catch (UnknownHostException e) {
            return "-"; // RFC 5424 NILVALUE: the host name is unknown
        }
    }

    private static void positive(int value, String property) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be a positive number of seconds; was " + value);
        }
    }

    private static String oneOf(String value, String property, List<String> allowed) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(property + " '" + value + "' is not supported: use one of "
                    + String.join(", ", allowed));
        }
        return v;
    }

    private static String required(String value, String property, String help) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required: " + help);
        }
        return value.trim();
    }
}
