package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two measured workloads: how their lines are made, the rule that selects what is forwarded
 * (as an EventBridge pattern for Herald's route and as plain Java for the reference), and the id
 * a forwarded message carries.
 */
enum Workload {
    CLOUDTRAIL("cloudtrail", new CloudTrailLines(),
            "eventName == CreateUser or userIdentity.type != AssumedRole",
            "{\"source\": [\"cloudtrail\"], \"$or\": [{\"detail\": {\"eventName\": [\"CreateUser\"]}},"
                    + " {\"detail\": {\"userIdentity\": {\"type\": [{\"anything-but\": \"AssumedRole\"}]}}}]}",
            "\"${.json.eventName}\" eq \"CreateUser\" or not \"${.json.userIdentity.type}\" eq \"AssumedRole\"") {
        @Override
        boolean selects(JsonNode record) {
            return record.path("eventName").asText().equals("CreateUser")
                    || !record.path("userIdentity").path("type").asText().equals("AssumedRole");
        }

        @Override
        String id(JsonNode record, String file, long line) {
            return record.path("eventID").asText();
        }
    },
    ILLUMIO("illumio-flow", new IllumioFlowLines(), "pd != 0 or dst_port == 3389",
            "{\"source\": [\"illumio-flow\"], \"$or\": [{\"detail\": {\"pd\": [{\"anything-but\": 0}]}},"
                    + " {\"detail\": {\"dst_port\": [{\"numeric\": [\"=\", 3389]}]}}]}",
            "\"${.json.pd}\" != \"0\" or \"${.json.dst_port}\" == \"3389\"") {
        @Override
        boolean selects(JsonNode record) {
            return record.path("pd").asInt() != 0 || record.path("dst_port").asInt() == 3389;
        }

        @Override
        String id(JsonNode record, String file, long line) {
            return file + ":" + line;
        }
    };

    /** Herald's {@code source} for these records. */
    final String source;
    final LineGenerator generator;
    /** The rule as a person reads it. */
    final String rule;
    /** The rule as a Herald route pattern. */
    final String pattern;
    /** The rule as a syslog-ng filter on the fields its JSON parser put under {@code .json.} ({@link SyslogNg}). */
    final String syslogNgFilter;

    Workload(String source, LineGenerator generator, String rule, String pattern, String syslogNgFilter) {
        this.source = source;
        this.generator = generator;
        this.rule = rule;
        this.pattern = pattern;
        this.syslogNgFilter = syslogNgFilter;
    }

    /** The rule, for the reference. */
    abstract boolean selects(JsonNode record);

    /** The id Herald gives the event (its file-and-line fallback id without the {@code @crc}). */
    abstract String id(JsonNode record, String file, long line);

    /**
     * Which line of the measured file a forwarded message's id names: the hex line number that
     * ends a generated CloudTrail {@code eventID}, or the number after the last colon of a
     * {@code file:line} or {@code file:line@crc} id; -1 if neither.
     */
    static long lineOf(String id) {
        int colon = id.lastIndexOf(':');
        if (colon < 0) {
            return CloudTrailLines.lineOf(id);
        }
        int at = id.indexOf('@', colon);
        try {
            return Long.parseLong(id.substring(colon + 1, at < 0 ? id.length() : at));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
