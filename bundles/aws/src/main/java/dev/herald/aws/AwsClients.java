package dev.herald.aws;

import dev.herald.http.tls.TlsTrust;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds AWS SDK clients for one plugin instance, all with the same credentials, region, endpoint,
 * HTTP client settings and retry mode, and closes them (and the STS client behind an assumed
 * role) when the plugin stops.
 *
 * <pre>{@code
 * clients = AwsClients.create(config.name(), connection);
 * S3Client s3 = clients.client(S3Client.builder().forcePathStyle(true));
 * ...
 * clients.close();
 * }</pre>
 */
public final class AwsClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private AwsClients(AwsSettings settings) {
        this.settings = settings;
        AwsCredentialsProvider base = baseCredentials(settings);
        closeables.add(closeable(base));
        this.credentials = settings.assumesRole() ? assumeRole(base) : base;
        if (settings.insecure()) {
            LOG.warn("TLS verification is DISABLED for {} (insecure=true): any certificate and any host name are"
                    + " accepted, so anyone on the network path can read and change its AWS traffic."
                    + " Set ca_bundle to the endpoint's CA certificate instead.", settings.owner());
        }
    }

    /**
     * Checks the connection settings and prepares the credentials.
     *
     * @throws IllegalArgumentException naming the property, when a setting is invalid
     */
    public static AwsClients create(String owner, AwsConnection connection) {
        return new AwsClients(AwsSettings.of(owner, connection));
    }

    /**
     * The clients of one plugin instance, as {@link #create} makes them; an invalid setting is
     * refused naming the instance first, as activation errors are: {@code s3 source 'audit':
     * credentials=static needs access_key_id}.
     *
     * @param family {@code source} or {@code sink}
     * @param kind   the plugin kind, e.g. {@code cloudtrail}
     * @param name   the instance name
     */
    public static AwsClients forInstance(String family, String kind, String name, AwsConnection connection) {
        try {
            return create(family + " " + kind + "/" + name, connection);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " " + family + " '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The checked settings. */
    public AwsSettings settings() {
        return settings;
    }

    /**
     * Completes {@code builder} (already given its service-specific settings) with the shared ones and
     * builds the client; it is closed with this object.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        return client(builder, settings.region().orElse(null));
    }

    /** As {@link #client(AwsClientBuilder)}, for {@code region} instead of the configured one. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            B builder, Region region) {
        return client(builder, region, settings.endpoint().orElse(null));
    }

    /**
     * As {@link #client(AwsClientBuilder, Region)}, reaching the service at {@code endpoint} (null
     * for AWS's): for a second service whose endpoint is not the configured one, such as the SQS
     * queue beside an S3-compatible store.
     */
    public synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            B builder, Region region, URI endpoint) {
        // keep what the caller configured (interceptors, timeouts): only the retry strategy is Herald's
        ClientOverrideConfiguration given = builder.overrideConfiguration();
        builder.credentialsProvider(credentials)
                .httpClient(httpClient())
                .overrideConfiguration((given == null ? ClientOverrideConfiguration.builder() : given.toBuilder())
                        .retryStrategy(settings.retryMode()).build());
        if (region != null) {
            builder.region(region);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        C client = builder.build();
        closeables.add(client);
        return client;
    }

    /** Closes every client built here and the credentials behind them. */
    @Override
    public synchronized void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.debug("Closing an AWS client of {} failed", settings.owner(), e);
            }
        }
        closeables.clear();
    }

    private AwsCredentialsProvider baseCredentials(AwsSettings s) {
        return switch (s.credentials()) {
            case AwsSettings.PROFILE -> ProfileCredentialsProvider.builder().profileName(s.profile()).build();
            case AwsSettings.STATIC -> StaticCredentialsProvider.create(s.sessionToken().isEmpty()
                    ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
                    : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
            default -> DefaultCredentialsProvider.builder().build();
        };
    }

    /** Temporary credentials for {@code role_arn}, refreshed before they expire, obtained with {@code base}. */
    private AwsCredentialsProvider assumeRole(AwsCredentialsProvider base) {
        StsClientBuilder sts = StsClient.builder().credentialsProvider(base).httpClient(httpClient())
                .overrideConfiguration(o -> o.retryStrategy(settings.retryMode()));
        settings.region().ifPresent(sts::region);
        settings.stsEndpoint().ifPresent(sts::endpointOverride);
        StsClient client = sts.build();
        closeables.add(client);
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                .refreshRequest(r -> {
                    r.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName());
                    if (!settings.externalId().isEmpty()) {
                        r.externalId(settings.externalId());
                    }
                })
                .build();
        closeables.add(provider);
        return provider;
    }

    /** A new HTTP client per SDK client: the SDK does not close one it was given, so this object does. */
    private SdkHttpClient httpClient() {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout());
        trust().ifPresent(http::tlsTrustManagersProvider);
        settings.proxy().ifPresent(p -> http.proxyConfiguration(ProxyConfiguration.builder().endpoint(p).build()));
        SdkHttpClient client = http.build();
        closeables.add(client);
        return client;
    }

    private Optional<TlsTrustManagersProvider> trust() {
        if (settings.insecure()) {
            return Optional.of(() -> new TrustManager[] {TlsTrust.trustingAnythingManager()});
        }
        return settings.caBundle().map(path -> {
            List<X509Certificate> cas = TlsTrust.readPem(path);
            return () -> new TrustManager[] {TlsTrust.jvmTrustPlusManager(cas)};
        });
    }

    private static AutoCloseable closeable(AwsCredentialsProvider provider) {
        return provider instanceof SdkAutoCloseable c ? c : () -> { };
    }
}
