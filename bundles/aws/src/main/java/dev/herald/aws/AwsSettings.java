package dev.herald.aws;

import dev.herald.api.secret.Secrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * An {@link AwsConnection} checked and parsed: every invalid value fails here, at activation, with
 * a message that names the property and says what to write instead. Its {@link #toString()}
 * never shows a secret.
 *
 * @param owner           the plugin instance, for messages
 * @param region          the region, or empty for the SDK's default region chain
 * @param endpoint        the service endpoint override, or empty
 * @param credentials     {@link #DEFAULT_CHAIN}, {@link #PROFILE} or {@link #STATIC}
 * @param profile         the profile name for {@link #PROFILE}
 * @param accessKeyId     the key id for {@link #STATIC}
 * @param secretAccessKey the secret key for {@link #STATIC}
 * @param sessionToken    the session token for {@link #STATIC}, or empty
 * @param roleArn         the role to assume, or empty
 * @param externalId      the external id for the role, or empty
 * @param roleSessionName the assumed-role session's name
 * @param stsEndpoint     the STS endpoint override, or empty
 * @param retryMode       the SDK retry mode
 * @param caBundle        extra trusted CAs, or empty
 * @param insecure        TLS verification off
 * @param proxy           the HTTP proxy, or empty
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     socket read timeout
 */
public record AwsSettings(String owner, Optional<Region> region, Optional<URI> endpoint, String credentials,
                          String profile, String accessKeyId, String secretAccessKey, String sessionToken,
                          String roleArn, String externalId, String roleSessionName, Optional<URI> stsEndpoint,
                          RetryMode retryMode, Optional<Path> caBundle, boolean insecure, Optional<URI> proxy,
                          Duration connectTimeout, Duration readTimeout) {

    /** {@code credentials=default}: environment, system properties, web identity, profile, container, instance. */
    public static final String DEFAULT_CHAIN = "default";
    /** {@code credentials=profile}: a named profile of the shared config and credentials files. */
    public static final String PROFILE = "profile";
    /** {@code credentials=static}: {@code access_key_id} and {@code secret_access_key} from the configuration. */
    public static final String STATIC = "static";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** Checks and parses {@code c}. */
    public static AwsSettings of(String owner, AwsConnection c) {
        String credentials = c.credentials().trim().toLowerCase(Locale.ROOT);
        if (!credentials.equals(DEFAULT_CHAIN) && !credentials.equals(PROFILE) && !credentials.equals(STATIC)) {
            throw new IllegalArgumentException("credentials '" + c.credentials() + "' is not one of default, profile"
                    + " or static: use default for the SDK's chain (environment, web identity, instance role)");
        }
        if (credentials.equals(PROFILE) && c.profile().isBlank()) {
            throw new IllegalArgumentException("profile is empty but credentials=profile: name a profile of"
                    + " ~/.aws/config, or use credentials=default");
        }
        if (credentials.equals(STATIC) && (c.access__key__id().isBlank() || c.secret__access__key().isBlank())) {
            throw new IllegalArgumentException("credentials=static needs access_key_id and secret_access_key;"
                    + " prefer credentials=default with an instance role or role_arn where you can");
        }
        String roleArn = c.role__arn().trim();
        if (!roleArn.isEmpty() && !ROLE_ARN.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("role_arn '" + roleArn + "' is not an IAM role ARN such as"
                    + " arn:aws:iam::123456789012:role/herald-reader");
        }
        String sessionName = c.role__session__name().trim();
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new IllegalArgumentException("role_session_name '" + sessionName + "' must be 2 to 64 letters,"
                    + " digits or +=,.@-_");
        }
        if (c.connect__timeout() <= 0 || c.read__timeout() <= 0) {
            throw new IllegalArgumentException("connect_timeout and read_timeout must be positive numbers of"
                    + " seconds (they are " + c.connect__timeout() + " and " + c.read__timeout() + ")");
        }
        return new AwsSettings(owner, region(c.region()), url("endpoint", c.endpoint()), credentials,
                c.profile().trim(), c.access__key__id().trim(),
                Secrets.reveal(c.service_pid(), "secret_access_key", c.secret__access__key()),
                Secrets.reveal(c.service_pid(), "session_token", c.session__token()),
                roleArn, c.external__id().trim(), sessionName, url("sts_endpoint", c.sts__endpoint()),
                retryMode(c.retry__mode()), c.ca__bundle().isBlank() ? Optional.empty() : Optional.of(Path.of(c.ca__bundle().trim())),
                c.insecure(), proxy(c.proxy()), Duration.ofSeconds(c.connect__timeout()),
                Duration.ofSeconds(c.read__timeout()));
    }

    private static Optional<Region> region(String value) {
        String region = value.trim();
        if (region.isEmpty()) {
            return Optional.empty();
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region '" + value + "' is not an AWS region code such as"
                    + " us-east-1 or eu-west-3");
        }
        return Optional.of(Region.of(region));
    }

    /**
     * An endpoint setting: empty for AWS's own, else an http(s) URL.
     *
     * @throws IllegalArgumentException naming {@code key} when {@code value} is not one
     */
    public static Optional<URI> url(String key, String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.trim());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below with the fix
        }
        throw new IllegalArgumentException(key + " '" + value + "' is not an http(s) URL such as"
                + " https://vpce-0abc.s3.eu-west-1.vpce.amazonaws.com; leave it empty for AWS's endpoint");
    }

    private static RetryMode retryMode(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "standard" -> RetryMode.STANDARD;
            case "adaptive" -> RetryMode.ADAPTIVE_V2;
            case "legacy" -> RetryMode.LEGACY;
            default -> throw new IllegalArgumentException("retry_mode '" + value + "' is not one of standard,"
                    + " adaptive or legacy");
        };
    }

    private static Optional<URI> proxy(String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        String hostPort = value.trim();
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0 && Integer.parseInt(hostPort.substring(colon + 1)) > 0) {
                return Optional.of(URI.create("http://" + hostPort));
            }
        } catch (IllegalArgumentException e) {
            // reported below with the fix
        }
        throw new IllegalArgumentException("proxy '" + value + "' is not host:port, such as proxy.corp:3128");
    }

    /** Whether a role is assumed on top of the base credentials. */
    public boolean assumesRole() {
        return !roleArn.isEmpty();
    }

    @Override
    public String toString() {
        return "AwsSettings[owner=" + owner + ", region=" + region.map(Region::id).orElse("(default chain)")
                + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", credentials=" + credentials
                + (credentials.equals(PROFILE) ? " " + profile : "")
                + (credentials.equals(STATIC) ? " " + accessKeyId + " ****" : "")
                + (assumesRole() ? ", role=" + roleArn : "") + ", retry=" + retryMode + "]";
    }
}
