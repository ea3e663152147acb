package dev.herald.source.pce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the enricher keeps of a PCE workload: {@code href}, {@code hostname}, {@code name},
 * {@code labels} (a map of label key to value: role, app, env, loc and custom keys), {@code
 * managed}, {@code online}, {@code enforcement_mode} and {@code os_id}, each when the PCE gives it.
 */
final class Workloads {
    private Workloads() {
    }

    static ObjectNode summary(JsonNode workload) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : new String[] {"href", "hostname", "name", "enforcement_mode", "os_id"}) {
            JsonNode v = workload.path(field);
            if (v.isTextual() && !v.asText().isEmpty()) {
                out.put(field, v.asText());
            }
        }
        for (String flag : new String[] {"managed", "online"}) {
            if (workload.path(flag).isBoolean()) {
                out.put(flag, workload.path(flag).asBoolean());
            }
        }
        ObjectNode labels = out.putObject("labels");
        for (JsonNode label : workload.path("labels")) {
            if (label.path("key").isTextual() && label.path("value").isTextual()) {
                labels.put(label.path("key").asText(), label.path("value").asText());
            }
        }
        return out;
    }
}
