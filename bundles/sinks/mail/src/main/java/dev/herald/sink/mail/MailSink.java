package dev.herald.sink.mail;

import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.secret.Secrets;
import dev.herald.api.secret.ServicePid;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.SinkSetup;
import dev.herald.api.sink.TemplateEscape;
import dev.herald.http.tls.TlsTrust;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each notification over SMTP (STARTTLS, SMTPS or plain) with Jakarta Mail / Angus. The
 * template renders {@code {"subject", "text", "html"}}; the mail is UTF-8 multipart/alternative
 * (text, then HTML) to the sink's To/Cc or the route's own, with a Message-ID derived from the
 * idempotency key so that a retried delivery is recognisable.
 *
 * <p>Jakarta Mail and Angus are embedded in this bundle and find each other through
 * ServiceLoader, which looks at the thread context class loader: every use of them runs with the
 * bundle's class loader there.
 */
@Component(service = Sink.class, configurationPid = MailSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@TemplateEscape(Escaping.JSON)
@Designate(ocd = MailSink.Config.class, factory = true)
public final class MailSink implements Sink {
    static final String PID = "dev.herald.sink.mail";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(MailSink.class);

    @ObjectClassDefinition(name = "Herald sink: mail",
            description = "Sends each notification as an e-mail over SMTP: a subject, a plain-text and an HTML"
                    + " alternative rendered from the template.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Routes refer to this sink by this name.")
        String name();

        @AttributeDefinition(name = "SMTP host", description = "The mail server or relay, e.g. smtp.office365.com.")
        String host();

        @AttributeDefinition(name = "Port", min = "0", description = "0: the port of the security mode"
                + " (587 starttls, 465 smtps, 25 none).")
        int port() default 0;

        @AttributeDefinition(name = "Security", options = {
                @Option(label = "STARTTLS (required)", value = "starttls"),
                @Option(label = "SMTPS (implicit TLS)", value = "smtps"),
                @Option(label = "None (plain text, trusted networks only)", value = "none")})
        String security() default "starttls";

        @AttributeDefinition(name = "Username", required = false, description = "The SMTP login; empty: no"
                + " authentication.")
        String username() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
                description = "The SMTP password (with MFA, an app password).")
        String password() default "";

        @AttributeDefinition(name = "From", description = "The sender, e.g. \"Herald\" <herald@example.com>;"
                + " also the envelope sender.")
        String from();

        @AttributeDefinition(name = "To", description = "Recipients, e.g. secops@example.com; several separated"
                + " by commas.")
        String[] to();

        @AttributeDefinition(name = "Cc", required = false, description = "Copy recipients, separated by commas.")
        String[] cc() default {};

        @AttributeDefinition(name = "To per route", required = false, description = "'<route name>=<addresses>'"
                + " replaces To for that route. In a .cfg file, separate several entries with \\n.")
        String[] route__to() default {};

        @AttributeDefinition(name = "Cc per route", required = false, description = "'<route name>=<addresses>'"
                + " replaces Cc for that route (empty after = : no Cc). In a .cfg file, separate entries with \\n.")
        String[] route__cc() default {};

        @AttributeDefinition(name = "CA bundle", required = false, description = "A PEM file of CA certificates"
                + " trusted in addition to the JVM's, for a server with a private CA.")
        String ca__bundle() default "";

        @AttributeDefinition(name = "Skip TLS verification", description = "Accept any certificate and host"
                + " name. Only for tests: the traffic and the password can be read. Prefer ca_bundle.")
        boolean insecure() default false;

        @AttributeDefinition(name = "Connect timeout (s)", min = "0", description = "0: 10 s.")
        int connect__timeout() default 0;

        @AttributeDefinition(name = "Read timeout (s)", min = "0", description = "The longest wait for each"
                + " server reply. 0: 30 s.")
        int read__timeout() default 0;

        @AttributeDefinition(name = "Rate (messages/s)", min = "0", description = "The most mails per second."
                + " 0: no limit.")
        int rate() default 0;

        String webconsole_configurationFactory_nameHint() default "Mail {name} → {to}";
    }

    private final String name;
    private final SmtpServer server;
    private final MailMessages messages;
    private final SmtpFailures failures;

    @Activate
    public MailSink(Config config, ServicePid pid) {
        SinkSetup setup = SinkSetup.of("mail", config.name(), config.rate());
        this.name = setup.name();
        try {
            Security security = Security.parse(config.security());
            String host = required(config.host(), "host", "the SMTP server, e.g. smtp.example.com");
            int port = port(config.port(), security);
            Optional<SmtpServer.Credentials> credentials = credentials(config.username(),
                    Secrets.reveal(pid.service_pid(), "password", config.password()));
            InternetAddress from = from(config.from());
            Recipients recipients = Recipients.of(config.to(), config.cc(), config.route__to(), config.route__cc());
            Duration connectTimeout = seconds("connect_timeout", config.connect__timeout(), DEFAULT_CONNECT_TIMEOUT);
            Duration readTimeout = seconds("read_timeout", config.read__timeout(), DEFAULT_READ_TIMEOUT);
            Optional<SSLSocketFactory> tls = tls(security, config.ca__bundle(), config.insecure(), host);
            if (security == Security.NONE && credentials.isPresent()) {
                LOG.warn("mail sink '{}' sends the SMTP password to {} without encryption (security = none):"
                        + " anyone on the network path can read it; use starttls or smtps", name, host);
            }
            this.server = inBundleContext(() -> new SmtpServer(host, port, security, credentials, tls,
                    !config.insecure(), from.getAddress(), connectTimeout, readTimeout));
            this.messages = new MailMessages(server.session(), from, recipients);
            this.failures = new SmtpFailures(server.hostAndPort(), credentials.map(SmtpServer.Credentials::username)
                    .orElse(""));
        } catch (IllegalArgumentException e) {
            throw setup.invalid(e);
        }
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        MailBody body = MailBody.parse(notification.body());
        MimeMessage message;
        try {
            message = inBundleContext(() -> messages.build(notification, body));
        } catch (MessagingException e) {
            throw DeliveryException.permanent("cannot build the mail: " + e.getMessage(), e);
        }
        try {
            String reply = inBundleContext(() -> server.send(message));
            LOG.debug("mail sink '{}': {} accepted the mail for route {}: {}", name, server.hostAndPort(),
                    notification.route(), reply);
        } catch (MessagingException e) {
            throw failures.classify(e);
        }
    }

    /** Runs {@code work} with this bundle's class loader as the context class loader (see the class comment). */
    private static <T, E extends Exception> T inBundleContext(MailWork<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailSink.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Work with Jakarta Mail, which may throw {@code E}. */
    @FunctionalInterface
    private interface MailWork<T, E extends Exception> {
        T call() throws E;
    }

    private static int port(int port, Security security) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, or 0 for the default of the security mode"
                    + " (587 starttls, 465 smtps, 25 none); was " + port);
        }
        return port == 0 ? security.defaultPort() : port;
    }

    private static Optional<SmtpServer.Credentials> credentials(String username, String password) {
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException(hasUser ? "password is required with username" :
                    "username is required with password (or clear password for a relay without authentication)");
        }
        return hasUser ? Optional.of(new SmtpServer.Credentials(username.trim(), password)) : Optional.empty();
    }

    private static InternetAddress from(String value) {
        List<InternetAddress> from = Addresses.parse("from", required(value, "from",
                "the sender, e.g. \"Herald\" <herald@example.com>"));
        if (from.size() != 1) {
            throw new IllegalArgumentException("from must be one address, e.g. \"Herald\" <herald@example.com>;"
                    + " was '" + value + "'");
        }
        return from.get(0);
    }

    private static Duration seconds(String property, int value, Duration fallback) {
        if (value < 0) {
            throw new IllegalArgumentException(property + " must be 0 (default, " + fallback.toSeconds()
                    + " s) or a positive number of seconds; was " + value);
        }
        return value == 0 ? fallback : Duration.ofSeconds(value);
    }

    private Optional<SSLSocketFactory> tls(Security security, String caBundle, boolean insecure, String host) {
        if (!security.usesTls()) {
            return Optional.empty();
        }
        if (insecure) {
            LOG.warn("mail sink '{}' does NOT verify the TLS certificate of {} (insecure = true): anyone on the"
                    + " network path can read the mails and the password; set ca_bundle instead", name, host);
            return Optional.of(TlsTrust.trustingAnything().getSocketFactory());
        }
        return caBundle == null || caBundle.isBlank() ? Optional.empty()
                : Optional.of(TlsTrust.jvmTrustPlus(TlsTrust.readPem(Path.of(caBundle.trim()))).getSocketFactory());
    }

    private static String required(String value, String property, String help) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required: " + help);
        }
        return value.trim();
    }
}
