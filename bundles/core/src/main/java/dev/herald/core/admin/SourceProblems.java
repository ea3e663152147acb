package dev.herald.core.admin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/** What each source last reported keeps it from reading ({@link dev.herald.api.Journal#problem}); in memory only. */
@Component(service = SourceProblems.class)
public final class SourceProblems {
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    /** Records {@code problem} for {@code instance}, or clears it when null or blank. */
    public void report(String instance, String problem) {
        if (problem == null || problem.isBlank()) {
            problems.remove(instance);
        } else {
            problems.put(instance, problem);
        }
    }

    /** The problem {@code instance} reported, if any. */
    public Optional<String> of(String instance) {
        return Optional.ofNullable(problems.get(instance));
    }

    /** Every reported problem by instance. */
    public Map<String, String> all() {
        return Map.copyOf(problems);
    }
}
