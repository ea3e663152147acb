package dev.herald.sink.sns;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the sink publishes: a topic (standard or FIFO, by its ARN) or one phone number for SMS.
 *
 * @param topicArn    the topic's ARN, or null for SMS
 * @param phoneNumber the E.164 number, or null for a topic
 * @param arnRegion   the topic's region from its ARN, or empty for SMS
 */
record SnsTarget(String topicArn, String phoneNumber, Optional<String> arnRegion) {
    /** arn:partition:sns:region:account:name, the name ending in .fifo for a FIFO topic. */
    private static final Pattern TOPIC_ARN = Pattern.compile(
            "arn:aws[a-z-]*:sns:([a-z]{2}(?:-[a-z]+)+-\\d+):\\d{12}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    /**
     * Exactly one of {@code topic_arn} and {@code phone_number}, checked.
     *
     * @throws IllegalArgumentException naming the property and the fix
     */
    static SnsTarget of(String topicArnValue, String phoneNumberValue) {
        String arn = topicArnValue == null ? "" : topicArnValue.trim();
        String phone = phoneNumberValue == null ? "" : phoneNumberValue.trim();
        if (arn.isEmpty() == phone.isEmpty()) {
            throw new IllegalArgumentException("set exactly one of topic_arn (e.g."
                    + " arn:aws:sns:eu-west-1:123456789012:security-alerts) and phone_number (E.164, e.g. +14155550100)"
                    + (arn.isEmpty() ? "; neither is set" : "; both are set"));
        }
        if (!phone.isEmpty()) {
            if (!E164.matcher(phone).matches()) {
                throw new IllegalArgumentException("phone_number '" + phone + "' is not an E.164 number: write a plus,"
                        + " the country code and the number without spaces or punctuation, e.g. +14155550100");
            }
            return new SnsTarget(null, phone, Optional.empty());
        }
        Matcher m = TOPIC_ARN.matcher(arn);
        if (!m.matches()) {
            throw new IllegalArgumentException("topic_arn '" + arn + "' is not an SNS topic ARN: copy it from the"
                    + " topic's page in the SNS console, e.g. arn:aws:sns:eu-west-1:123456789012:security-alerts"
                    + " (a FIFO topic's name ends in .fifo)");
        }
        return new SnsTarget(arn, null, Optional.of(m.group(1)));
    }

    boolean isTopic() {
        return topicArn != null;
    }

    /** A FIFO topic: every message needs a group id and a deduplication id. */
    boolean isFifo() {
        return isTopic() && topicArn.endsWith(".fifo");
    }

    /** For messages and logs: the ARN, or the number with all but its last 4 digits hidden. */
    String describe() {
        return isTopic() ? topicArn : "SMS to " + "*".repeat(phoneNumber.length() - 4) + phoneNumber.substring(
                phoneNumber.length() - 4);
    }
}
