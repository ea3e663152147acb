package dev.herald.observe.health;

import dev.herald.api.admin.HeraldAdmin;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/** The Felix health check of one subject (a source, a sink, a route or the store), judged when run. */
final class SubjectHealthCheck implements HealthCheck {
    private final HeraldAdmin admin;
    private final String subject;

    SubjectHealthCheck(HeraldAdmin admin, String subject) {
        this.admin = admin;
        this.subject = subject;
    }

    @Override
    public Result execute() {
        return Assessor.assess(admin).stream()
                .filter(a -> a.subject().equals(subject) || a.condition() == Condition.STORE_FAILING)
                .findFirst()
                .map(SubjectHealthCheck::result)
                .orElse(new Result(Result.Status.OK, subject + " is no longer configured"));
    }

    static Result result(Assessment a) {
        Result.Status status = switch (a.condition().level()) {
            case OK -> Result.Status.OK;
            case WARN -> Result.Status.WARN;
            case CRITICAL -> Result.Status.CRITICAL;
        };
        return new Result(status, a.subject() + ": " + a.message());
    }
}
