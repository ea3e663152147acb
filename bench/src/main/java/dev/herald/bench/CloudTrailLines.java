package dev.herald.bench;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * CloudTrail records as one JSON object per line (what a trail's records look like once a
 * collector has split the {@code Records} array), about 1.25 KB each. 80% are API calls by
 * assumed roles, the rest by IAM users, AWS services, federated users and the root user. The
 * rule {@code eventName == CreateUser or userIdentity.type != AssumedRole} selects 21.6%: every
 * record not made by an assumed role (20%), and {@code CreateUser} for 2% of the assumed roles'.
 * The last group of {@code eventID} is the line number in hex, so a receiver can tell which
 * line a message came from.
 */
final class CloudTrailLines implements LineGenerator {
    static final String ACCOUNT = "123456789012";
    private static final Instant START = Instant.parse("2026-11-22T00:00:00Z");
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-west-2", "eu-west-1", "eu-central-1"};
    private static final String[] ROLES = {"ci-deployer", "app-payments-prod", "lambda-orders-exec",
            "eks-node-group-prod", "SecurityAudit", "OrganizationAccountAccessRole", "data-pipeline-etl"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "terraform", "backup-svc"};
    private static final String[] AGENTS = {
            "aws-sdk-java/2.25.11 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/standard",
            "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.214-202.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.84",
            "aws-cli/2.15.40 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1018-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#s3.cp",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "APN/1.0 HashiCorp/1.0 Terraform/1.8.2 (+https://www.terraform.io) terraform-provider-aws/5.47.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.1 ua/2.0 os/linux lang/go#1.22.2"};

    /** An API call: its service, name, whether it only reads, and its request parameters. */
    private record Call(String source, String name, boolean readOnly, String parameters) { }

    private static final Call[] CALLS = {
            new Call("ec2.amazonaws.com", "DescribeInstances", true,
                    "{\"instancesSet\":{},\"filterSet\":{\"items\":[{\"name\":\"tag:Environment\",\"valueSet\":{\"items\":[{\"value\":\"prod\"}]}},{\"name\":\"instance-state-name\",\"valueSet\":{\"items\":[{\"value\":\"running\"}]}}]}}"),
            new Call("s3.amazonaws.com", "GetObject", true,
                    "{\"bucketName\":\"corp-payments-artifacts\",\"Host\":\"corp-payments-artifacts.s3.us-east-1.amazonaws.com\",\"key\":\"releases/payments-api/2026.11.3/payments-api.tar.gz\"}"),
            new Call("sts.amazonaws.com", "AssumeRole", true,
                    "{\"roleArn\":\"arn:aws:iam::123456789012:role/data-pipeline-etl\",\"roleSessionName\":\"airflow-worker-7\",\"durationSeconds\":3600}"),
            new Call("kms.amazonaws.com", "Decrypt", true,
                    "{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"encryptionContext\":{\"aws:lambda:FunctionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:orders-api\"}}"),
            new Call("logs.amazonaws.com", "PutLogEvents", false,
                    "{\"logGroupName\":\"/aws/lambda/orders-api\",\"logStreamName\":\"2026/11/22/[$LATEST]8f2c4e1a9b7d4c3e\"}"),
            new Call("dynamodb.amazonaws.com", "Query", true,
                    "{\"tableName\":\"orders\",\"indexName\":\"by-customer\",\"keyConditionExpression\":\"customerId = :c\",\"limit\":50}"),
            new Call("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false,
                    "{\"groupId\":\"sg-0a1b2c3d4e5f60718\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\",\"fromPort\":443,\"toPort\":443,\"ipRanges\":{\"items\":[{\"cidrIp\":\"10.0.0.0/8\"}]}}]}}"),
            new Call("iam.amazonaws.com", "ListRoles", true, "{\"maxItems\":100,\"pathPrefix\":\"/service-role/\"}"),
    };
    private static final Call CREATE_USER = new Call("iam.amazonaws.com", "CreateUser", false,
            "{\"userName\":\"svc-reporting\",\"path\":\"/service/\",\"tags\":[{\"key\":\"owner\",\"value\":\"data-platform\"}]}");

    @Override
    public Line line(SplittableRandom r, long n) {
        int who = r.nextInt(1000);
        String type = who < 800 ? "AssumedRole" : who < 920 ? "IAMUser" : who < 970 ? "AWSService"
                : who < 990 ? "FederatedUser" : "Root";
        // CreateUser: 2% of the assumed roles' calls (these are the matches among them), 2.5% of the others'
        Call call = r.nextInt(type.equals("AssumedRole") ? 50 : 40) == 0 ? CREATE_USER : CALLS[r.nextInt(CALLS.length)];
        boolean matches = call == CREATE_USER || !type.equals("AssumedRole");
        Instant time = START.plusMillis(n * 37 + r.nextInt(37));
        String region = REGIONS[r.nextInt(REGIONS.length)];
        StringBuilder s = new StringBuilder(1400);
        s.append("{\"eventVersion\":\"1.10\",\"userIdentity\":");
        identity(s, r, type, time);
        s.append(",\"eventTime\":\"").append(time.toString(), 0, 19).append("Z\",\"eventSource\":\"").append(call.source)
                .append("\",\"eventName\":\"").append(call.name).append("\",\"awsRegion\":\"").append(region)
                .append("\",\"sourceIPAddress\":\"");
        if (type.equals("AWSService")) {
            s.append("lambda.amazonaws.com");
        } else {
            s.append("10.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(1 + r.nextInt(254));
        }
        s.append("\",\"userAgent\":\"").append(type.equals("AWSService") ? "lambda.amazonaws.com" : AGENTS[r.nextInt(AGENTS.length)])
                .append("\",\"requestParameters\":").append(call.parameters)
                .append(",\"responseElements\":").append(call.readOnly ? "null" : "{\"requestId\":\"" + uuid(r) + "\"}")
                .append(",\"requestID\":\"").append(uuid(r)).append("\",\"eventID\":\"").append(eventId(r, n))
                .append("\",\"readOnly\":").append(call.readOnly)
                .append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":").append(!call.source.equals("s3.amazonaws.com"))
                .append(",\"recipientAccountId\":\"").append(ACCOUNT).append("\",\"eventCategory\":\"")
                .append(call.source.equals("s3.amazonaws.com") ? "Data" : "Management").append("\"}");
        return new Line(s.toString(), matches);
    }

    private static void identity(StringBuilder s, SplittableRandom r, String type, Instant time) {
        String created = time.minusSeconds(60 + r.nextInt(3000)).toString().substring(0, 19) + "Z";
        switch (type) {
            case "AssumedRole" -> {
                String role = ROLES[r.nextInt(ROLES.length)];
                String session = "i-0" + hex(r, 16);
                String rolePrincipal = "AROA" + upper(r, 17);
                s.append("{\"type\":\"AssumedRole\",\"principalId\":\"").append(rolePrincipal).append(':').append(session)
                        .append("\",\"arn\":\"arn:aws:sts::").append(ACCOUNT).append(":assumed-role/").append(role).append('/')
                        .append(session).append("\",\"accountId\":\"").append(ACCOUNT).append("\",\"accessKeyId\":\"ASIA")
                        .append(upper(r, 16)).append("\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"")
                        .append(rolePrincipal).append("\",\"arn\":\"arn:aws:iam::").append(ACCOUNT).append(":role/").append(role)
                        .append("\",\"accountId\":\"").append(ACCOUNT).append("\",\"userName\":\"").append(role)
                        .append("\"},\"attributes\":{\"creationDate\":\"").append(created)
                        .append("\",\"mfaAuthenticated\":\"false\"}}}");
            }
            case "IAMUser" -> {
                String user = USERS[r.nextInt(USERS.length)];
                s.append("{\"type\":\"IAMUser\",\"principalId\":\"AIDA").append(upper(r, 17)).append("\",\"arn\":\"arn:aws:iam::")
                        .append(ACCOUNT).append(":user/").append(user).append("\",\"accountId\":\"").append(ACCOUNT)
                        .append("\",\"accessKeyId\":\"AKIA").append(upper(r, 16)).append("\",\"userName\":\"").append(user)
                        .append("\",\"sessionContext\":{\"attributes\":{\"creationDate\":\"").append(created)
                        .append("\",\"mfaAuthenticated\":\"").append(r.nextBoolean()).append("\"}}}");
            }
            case "AWSService" -> s.append("{\"type\":\"AWSService\",\"invokedBy\":\"lambda.amazonaws.com\"}");
            case "FederatedUser" -> s.append("{\"type\":\"FederatedUser\",\"principalId\":\"").append(ACCOUNT)
                    .append(":okta-").append(USERS[r.nextInt(USERS.length)]).append("\",\"arn\":\"arn:aws:sts::").append(ACCOUNT)
                    .append(":federated-user/okta-sso\",\"accountId\":\"").append(ACCOUNT).append("\",\"accessKeyId\":\"ASIA")
                    .append(upper(r, 16)).append("\",\"sessionContext\":{\"attributes\":{\"creationDate\":\"").append(created)
                    .append("\",\"mfaAuthenticated\":\"true\"}}}");
            default -> s.append("{\"type\":\"Root\",\"principalId\":\"").append(ACCOUNT).append("\",\"arn\":\"arn:aws:iam::")
                    .append(ACCOUNT).append(":root\",\"accountId\":\"").append(ACCOUNT).append("\",\"accessKeyId\":\"ASIA")
                    .append(upper(r, 16)).append("\",\"sessionContext\":{\"attributes\":{\"creationDate\":\"").append(created)
                    .append("\",\"mfaAuthenticated\":\"false\"}}}");
        }
    }

    /** A random-looking UUID whose last group is the line number. */
    static String eventId(SplittableRandom r, long n) {
        return hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-a" + hex(r, 3) + "-" + String.format("%012x", n);
    }

    /** The line number in an {@link #eventId}, or -1. */
    static long lineOf(String eventId) {
        int dash = eventId.lastIndexOf('-');
        try {
            return dash < 0 ? -1 : Long.parseLong(eventId.substring(dash + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String uuid(SplittableRandom r) {
        return hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-b" + hex(r, 3) + "-" + hex(r, 12);
    }

    private static String hex(SplittableRandom r, int digits) {
        return chars(r, digits, "0123456789abcdef");
    }

    private static String upper(SplittableRandom r, int digits) {
        return chars(r, digits, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    }

    private static String chars(SplittableRandom r, int count, String alphabet) {
        char[] c = new char[count];
        for (int i = 0; i < count; i++) {
            c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(c);
    }
}
