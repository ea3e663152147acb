package dev.herald.aws;

/**
 * The AWS settings every AWS plugin's configuration carries; take it as a second {@code @Activate}
 * parameter beside the plugin's {@code Config}: DS fills both from the same configuration. Pass
 * it to {@link AwsClients#create(String, AwsConnection)}.
 *
 * <p>A component property type, not a Metatype definition: the plugin's own {@code Config} keeps
 * declaring these attributes (an object class definition cannot inherit them, and the web
 * console's forms need them), with the secrets as passwords. DS maps {@code __} in a method name
 * to {@code _} in the property name.
 */
public @interface AwsConnection {
    /** {@code region}, such as {@code eu-west-1}; empty: the SDK's default region chain (AWS_REGION, profile). */
    String region() default "";

    /** {@code endpoint}: a URL replacing the service's endpoint (VPC endpoint, S3-compatible store); empty for AWS's. */
    String endpoint() default "";

    /** {@code credentials}: {@code default} (the SDK's chain), {@code profile} or {@code static}. */
    String credentials() default AwsSettings.DEFAULT_CHAIN;

    /** {@code profile}: the named profile in ~/.aws/config and ~/.aws/credentials, for {@code credentials=profile}. */
    String profile() default "";

    /** {@code access_key_id}, for {@code credentials=static}. */
    String access__key__id() default "";

    /** {@code secret_access_key}, for {@code credentials=static}; a secret. */
    String secret__access__key() default "";

    /** {@code session_token}, optional with {@code credentials=static}; a secret. */
    String session__token() default "";

    /** {@code role_arn}: a role assumed through STS with the credentials above; empty for none. */
    String role__arn() default "";

    /** {@code external_id}: the external id the role's trust policy asks for, if any. */
    String external__id() default "";

    /** {@code role_session_name}: names the assumed-role session in CloudTrail. */
    String role__session__name() default "herald";

    /** {@code sts_endpoint}: a URL replacing STS's endpoint (VPC endpoint); empty for AWS's regional one. */
    String sts__endpoint() default "";

    /** {@code retry_mode}: {@code standard}, {@code adaptive} or {@code legacy}. */
    String retry__mode() default "standard";

    /** {@code ca_bundle}: a PEM file of CA certificates trusted in addition to the JVM's; empty for none. */
    String ca__bundle() default "";

    /** {@code insecure}: disables TLS certificate and host name verification. */
    boolean insecure() default false;

    /** {@code proxy}: an HTTP proxy as {@code host:port}; empty for none. */
    String proxy() default "";

    /** {@code connect_timeout}, in seconds. */
    int connect__timeout() default 10;

    /** {@code read_timeout}, in seconds. */
    int read__timeout() default 60;

    /**
     * {@code service.pid}: the configuration these settings come from, filled by DS. The secret
     * key and session token resolve only for it ({@link dev.herald.api.secret.Secrets#reveal}).
     * No default, as in {@link dev.herald.api.secret.ServicePid}.
     */
    String service_pid();
}
