package dev.herald.api.admin;

/**
 * Something an operator must fix: an invalid route, a sink or source whose configuration was
 * rejected, a route naming a sink that does not exist.
 *
 * @param subject what it concerns, e.g. {@code route ssh-alerts} or {@code sink webhook/soc}
 * @param message what is wrong and what to do, naming the property
 */
public record Problem(String subject, String message) {
}
