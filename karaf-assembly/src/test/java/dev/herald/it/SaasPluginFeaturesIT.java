package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.herald.api.Sink;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import dev.herald.api.secret.SecretKeys;
import dev.herald.api.secret.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The SaaS plugins ship in the distribution's system repository: each hot-installs offline,
 * resolves in the real Karaf, activates from a configuration, and never shows its secret: not in
 * Herald's commands, nor in the service and component properties Karaf and the web console show.
 */
public class SaasPluginFeaturesIT extends HeraldContainerTest {
    private static final String SLACK_TOKEN = "xoxb-it-0000000000-secret";
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32";
    private static final String TEAMS_SIG = "it-teams-signature";
    private static final String SNOW_PASSWORD = "it-snow-password";
    private static final String JIRA_TOKEN = "it-jira-token";
    private static final String PCE_SECRET = "it-pce-secret";
    private static final String METRICS_TOKEN = "it-metrics-bearer-secret";
    private static final String METRICS_ENDPOINT = "dev.herald.observe.metrics.MetricsEndpoint";

    @Inject
    private ServiceComponentRuntime runtime;
    @Inject
    private MetaTypeService metaType;

    @Test
    public void saasPluginsInstallActivateAndKeepTheirSecrets() throws Exception {
        for (String feature : new String[] {"herald-sink-slack", "herald-sink-pagerduty", "herald-sink-teams", "herald-sink-webhook",
                "herald-sink-servicenow", "herald-sink-jira", "herald-source-pce"}) {
            features.installFeature(feature);
        }
        // endpoints on a closed loopback port: activation must not need the vendor to answer
        configure("dev.herald.sink.slack", "it-slack", Map.of(
                "name", "it-slack", "token", SLACK_TOKEN, "channel", "#it",
                "api_url", "http://127.0.0.1:9/api"));
        configure("dev.herald.sink.pagerduty", "it-pd", Map.of(
                "name", "it-pd", "routing_key", ROUTING_KEY, "api_url", "http://127.0.0.1:9"));
        configure("dev.herald.sink.teams", "it-teams", Map.of(
                "name", "it-teams",
                "webhook_url", "http://127.0.0.1:9/workflows/1/invoke?api-version=2016-06-01&sig=" + TEAMS_SIG));

        configure("dev.herald.sink.servicenow", "it-snow", Map.of(
                "name", "it-snow", "instance", "http://127.0.0.1:9", "username", "herald", "password", SNOW_PASSWORD));
        configure("dev.herald.sink.jira", "it-jira", Map.of(
                "name", "it-jira", "base_url", "http://127.0.0.1:9", "project", "SEC",
                "username", "bot@example.com", "token", JIRA_TOKEN));
        configure("dev.herald.source.pce", "it-pce", Map.of(
                "name", "it-pce", "pce_url", "http://127.0.0.1:9", "api_user", "api_0123456789abcdef",
                "api_secret", PCE_SECRET));

        for (String[] sink : new String[][] {{"it-slack", "slack"}, {"it-pd", "pagerduty"}, {"it-teams", "teams"},
                {"it-snow", "servicenow"}, {"it-jira", "jira"}}) {
            Await.until(Duration.ofSeconds(60), () -> state(sink[0]).equals("active"),
                    () -> sink[0] + " is " + state(sink[0]) + ": " + find(sink[0]));
            assertEquals(sink[1], find(sink[0]).get().kind());
        }

        Await.until(Duration.ofSeconds(60), () -> sourceState("it-pce").equals("active"),
                () -> "source it-pce is " + sourceState("it-pce"));

        String listing = shell("herald:sinks -v") + shell("herald:sources -v");
        assertTrue(listing, listing.contains("it-slack") && listing.contains("it-pd") && listing.contains("it-teams")
                && listing.contains("it-snow") && listing.contains("it-jira") && listing.contains("it-pce"));
        assertFalse("the Slack token leaked: " + listing, listing.contains(SLACK_TOKEN));
        assertFalse("the PagerDuty routing key leaked: " + listing, listing.contains(ROUTING_KEY));
        assertFalse("the Teams signature leaked: " + listing, listing.contains(TEAMS_SIG));
        assertFalse("the ServiceNow password leaked: " + listing, listing.contains(SNOW_PASSWORD));
        assertFalse("the Jira token leaked: " + listing, listing.contains(JIRA_TOKEN));
        assertFalse("the PCE secret leaked: " + listing, listing.contains(PCE_SECRET));

        // what Karaf's service:list and scr:info and the web console's Services and Components pages show
        StringBuilder properties = new StringBuilder();
        for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs()) {
            if (component.name.startsWith("dev.herald.")) {
                for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(component)) {
                    properties.append(configuration.properties).append('\n');
                }
            }
        }
        for (ServiceReference<?> sink : context.getServiceReferences(Sink.class, null)) {
            for (String key : sink.getPropertyKeys()) {
                properties.append(key).append('=').append(sink.getProperty(key)).append('\n');
            }
        }
        for (String secret : new String[] {SLACK_TOKEN, ROUTING_KEY, TEAMS_SIG, SNOW_PASSWORD, JIRA_TOKEN, PCE_SECRET}) {
            assertFalse("a secret is in service or component properties: " + properties, properties.toString().contains(secret));
        }
        assertTrue(properties.toString(), properties.toString().contains("token=" + Secrets.PREFIX));

        // core conceals SecretKeys.KNOWN even without Metatype: each such setting must be a password the plugin reveals
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            for (String pid : info == null ? new String[0] : info.getFactoryPids()) {
                if (pid.startsWith("dev.herald.")) {
                    for (AttributeDefinition a : info.getObjectClassDefinition(pid, null)
                            .getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                        assertEquals(pid + " " + a.getID(), SecretKeys.KNOWN.contains(a.getID()),
                                a.getType() == AttributeDefinition.PASSWORD);
                    }
                }
            }
        }

        // the Slack token's reference, as service:list shows it, pasted into a webhook sink's token
        String slackReference = (String) componentProperties("it-slack").get("token");
        assertTrue(slackReference, slackReference.startsWith(Secrets.PREFIX));
        configure("dev.herald.sink.webhook", "it-stolen", Map.of(
                "name", "it-stolen", "url", "http://127.0.0.1:9/hook", "auth", "bearer", "token", slackReference));
        Await.until(Duration.ofSeconds(60), () -> state("it-stolen").equals("failed"),
                () -> "it-stolen is " + state("it-stolen") + ": " + find("it-stolen"));
        String error = find("it-stolen").get().error();
        assertTrue(error, error.contains("token holds a secret reference issued for another configuration"));

        // once the Slack sink is deleted, its token is forgotten: the reference resolves nowhere
        configs.getFactoryConfiguration("dev.herald.sink.slack", "it-slack", "?").delete();
        configure("dev.herald.sink.webhook", "it-stolen", Map.of(
                "name", "it-stolen", "url", "http://127.0.0.1:9/hook", "auth", "bearer", "token", slackReference,
                "read_timeout", "5"));
        Await.until(Duration.ofSeconds(60), () -> String.valueOf(find("it-stolen").get().error())
                        .contains("token holds a secret reference unknown to this Herald"),
                () -> "it-stolen is " + find("it-stolen"));

        // a plugin that is not installed: its secret-looking settings are masked all the same
        String hook = "https://hooks.example.com/services/T0/B0/it-uninstalled-hook-secret";
        configure("dev.herald.sink.discord", "it-discord", Map.of("name", "it-discord", "webhook_url", hook));
        Await.until(Duration.ofSeconds(60), () -> find("it-discord").isPresent(), () -> "it-discord is not listed");
        String uninstalled = shell("herald:sinks -v");
        assertTrue(uninstalled, uninstalled.contains("it-discord"));
        assertFalse("the webhook_url of a plugin that is not installed leaked: " + uninstalled, uninstalled.contains(hook));
    }

    /**
     * Whatever order core and a plugin start in, the plugin's component never holds a secret: core
     * restarted, then a sink; and a sink restarted while core is stopped, so that it is handed its
     * configuration before core's concealer is back.
     */
    @Test
    public void secretsStayConcealedWhateverTheStartOrder() throws Exception {
        String slackToken = "xoxb-it-order-0000000000-secret";
        String routingKey = "0RDERKEY0RDERKEY0RDERKEY0RDERK32";
        features.installFeature("herald-sink-slack");
        features.installFeature("herald-sink-pagerduty");
        configure("dev.herald.sink.slack", "it-order-slack", Map.of(
                "name", "it-order-slack", "token", slackToken, "channel", "#it", "api_url", "http://127.0.0.1:9/api"));
        configure("dev.herald.sink.pagerduty", "it-order-pd", Map.of(
                "name", "it-order-pd", "routing_key", routingKey, "api_url", "http://127.0.0.1:9"));
        awaitConcealed("it-order-slack", "token", slackToken);
        awaitConcealed("it-order-pd", "routing_key", routingKey);

        Bundle core = bundle("dev.herald.core");
        core.stop();
        core.start();
        restart(bundle("dev.herald.sink.slack"));
        awaitConcealed("it-order-slack", "token", slackToken);
        awaitConcealed("it-order-pd", "routing_key", routingKey);

        core.stop();
        restart(bundle("dev.herald.sink.pagerduty"));
        Await.until(Duration.ofSeconds(60), () -> componentProperties("it-order-pd").containsKey("routing_key"),
                () -> "the PagerDuty sink did not come back without core");
        core.start();
        awaitConcealed("it-order-pd", "routing_key", routingKey);
        awaitConcealed("it-order-slack", "token", slackToken);
        Await.until(Duration.ofSeconds(60), () -> context.getServiceReference(HeraldAdmin.class) != null,
                () -> "core did not come back");
    }

    /**
     * Herald's own singleton configurations are concealed too: the metrics token never shows in
     * {@code scr:info} or {@code service:list}, also when the observe bundle got its configuration
     * while core was stopped, and a scraper sending it is still let in.
     */
    @Test
    public void theMetricsTokenIsConcealedAndStillLetsTheScraperIn() throws Exception {
        configs.getConfiguration("dev.herald.metrics", "?").update(new Hashtable<>(Map.of("token", METRICS_TOKEN)));
        awaitMetricsTokenConcealed();

        Bundle core = bundle("dev.herald.core");
        core.stop();
        restart(bundle("dev.herald.observe"));
        core.start();
        awaitMetricsTokenConcealed();
    }

    private void awaitMetricsTokenConcealed() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> String.valueOf(componentProperty(METRICS_ENDPOINT, "token"))
                        .startsWith(Secrets.PREFIX),
                () -> "the metrics endpoint holds token = " + componentProperty(METRICS_ENDPOINT, "token"));
        Await.until(Duration.ofSeconds(60), () -> metricsStatus("Bearer " + METRICS_TOKEN) == 200,
                () -> "/metrics answers the scraper's token with " + metricsStatus("Bearer " + METRICS_TOKEN));
        assertEquals(401, metricsStatus("Bearer " + componentProperty(METRICS_ENDPOINT, "token")));
        // what scr:info prints for the component (its configuration's properties), and service:list for every service
        StringBuilder shown = new StringBuilder();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (description.name.equals(METRICS_ENDPOINT)) {
                runtime.getComponentConfigurationDTOs(description).forEach(c -> shown.append(c.properties).append('\n'));
            }
        }
        assertTrue("scr:info shows the component's token property: " + shown, shown.toString().contains("token="));
        for (ServiceReference<?> service : context.getServiceReferences((String) null, null)) {
            for (String key : service.getPropertyKeys()) {
                shown.append(key).append('=').append(service.getProperty(key)).append('\n');
            }
        }
        assertFalse("the metrics token shows in scr:info or service:list: " + shown, shown.toString().contains(METRICS_TOKEN));
    }

    /** The status /metrics answers with this Authorization header; -1 while nothing answers. */
    private static int metricsStatus(String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:18181/metrics"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", authorization).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A property of the configured instance of component {@code component}; null when it has none. */
    private Object componentProperty(String component, String property) {
        return runtime.getComponentDescriptionDTOs().stream().filter(d -> d.name.equals(component))
                .flatMap(d -> runtime.getComponentConfigurationDTOs(d).stream())
                .map(c -> c.properties.get(property)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Waits until the instance's component holds a reference for {@code property}, then checks nothing shows the secret. */
    private void awaitConcealed(String name, String property, String secret) throws Exception {
        Await.until(Duration.ofSeconds(60),
                () -> String.valueOf(componentProperties(name).get(property)).startsWith(Secrets.PREFIX),
                () -> name + "'s component holds " + property + " = " + componentProperties(name).get(property));
        StringBuilder shown = new StringBuilder();
        for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(component)) {
                shown.append(configuration.properties).append('\n');
            }
        }
        for (ServiceReference<?> service : context.getServiceReferences((String) null, null)) {
            for (String key : service.getPropertyKeys()) {
                shown.append(key).append('=').append(service.getProperty(key)).append('\n');
            }
        }
        assertFalse(name + "'s " + property + " shows in scr:info or service:list: " + shown,
                shown.toString().contains(secret));
    }

    /** The properties of the component made from the configuration of the plugin instance {@code name}. */
    private Map<String, Object> componentProperties(String name) {
        for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(component)) {
                if (name.equals(configuration.properties.get("name"))) {
                    return configuration.properties;
                }
            }
        }
        return Map.of();
    }

    private static void restart(Bundle bundle) throws Exception {
        bundle.stop();
        bundle.start();
    }

    private Optional<SinkView> find(String name) {
        return herald.sinks().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private String sourceState(String name) {
        return herald.sources().stream().filter(s -> s.instance().equals(name)).map(SourceView::state)
                .findFirst().orElse("missing");
    }

    private String state(String name) {
        return find(name).map(SinkView::state).orElse("missing");
    }
}
