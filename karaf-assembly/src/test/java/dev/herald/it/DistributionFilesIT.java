package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.environment;

import dev.herald.api.admin.SinkView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;

/**
 * The distribution's own files, as a user meets them: Felix fileinstall (which watches {@code etc/},
 * every 100 ms) leaves Herald's directory {@code etc/herald/} alone, and the secret references the README
 * documents, {@code $[secret:herald/…]} (a file under {@code etc/herald/}) and {@code $[env:…]}
 * (Karaf's environment), reach a sink resolved while the {@code .cfg} file keeps the reference.
 */
public class DistributionFilesIT extends HeraldContainerTest {
    private static final String ENV_NAME = "HERALD_IT_WEBHOOK_TOKEN";
    private static final String ENV_TOKEN = "it-token-from-the-environment";
    private static final String FILE_TOKEN = "it-token-from-a-secret-file";

    @Override
    protected Option[] moreOptions() {
        // Pax Exam starts Karaf with this JVM's environment plus these variables, as bin/karaf would
        return new Option[] {environment(ENV_NAME + "=" + ENV_TOKEN)};
    }

    @Test
    public void fileinstallLeavesEtcHeraldAlone() throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        assertTrue("the distribution ships etc/herald/", Files.isDirectory(etc.resolve("herald/examples")));
        assertEquals("fileinstall looks at etc/ every 100 ms (etc/custom.properties), not Karaf's 1000", "100",
                context.getProperty("felix.fileinstall.poll"));

        // once Config Admin has a file written now, fileinstall has scanned etc/ at least once after the boot
        Files.writeString(etc.resolve("it.fileinstall.probe.cfg"), "probe = 1\n");
        Await.until(Duration.ofSeconds(30), () -> configured("it.fileinstall.probe"),
                () -> "fileinstall did not pick up etc/it.fileinstall.probe.cfg");

        List<String> strays = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fromEtc = bundle.getLocation().contains("/etc/herald");
            boolean heraldZero = "herald".equals(bundle.getSymbolicName()) && Version.emptyVersion.equals(bundle.getVersion());
            if (fromEtc || heraldZero) {
                strays.add(bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " from " + bundle.getLocation());
            }
        }
        assertEquals("bundles installed from etc/herald/", List.of(), strays);
        assertFalse("the distribution carries a second copy of its sources under assembly/",
                Files.exists(Path.of(System.getProperty("karaf.home"), "assembly")));
    }

    @Test
    public void secretAndEnvironmentReferencesReachTheSinkResolved() throws Exception {
        features.installFeature("herald-sink-webhook");
        RecordingHttpServer receiver = new RecordingHttpServer();
        Path etc = Path.of(System.getProperty("karaf.etc"));
        // as a user would: echo "$TOKEN" > etc/herald/it-webhook-token (the trailing newline is not part of it)
        Files.writeString(etc.resolve("herald/it-webhook-token"), FILE_TOKEN + "\n");
        Path fromFile = etc.resolve("dev.herald.sink.webhook-it-secret.cfg");
        Files.writeString(fromFile, webhook("it-secret", receiver.url("/secret"), "$[secret:herald/it-webhook-token]"));
        Path fromEnv = etc.resolve("dev.herald.sink.webhook-it-env.cfg");
        Files.writeString(fromEnv, webhook("it-env", receiver.url("/env"), "$[env:" + ENV_NAME + "]"));

        for (String sink : new String[] {"it-secret", "it-env"}) {
            Await.until(Duration.ofSeconds(60), () -> state(sink).equals("active"), () -> sink + " is " + state(sink));
        }
        String secretSend = KarafShell.run(shell, "herald:send-test it-secret");
        String envSend = KarafShell.run(shell, "herald:send-test it-env");

        assertTrue(secretSend, secretSend.startsWith("sink it-secret: delivered\n"));
        assertTrue(envSend, envSend.startsWith("sink it-env: delivered\n"));
        assertEquals(List.of("Bearer " + FILE_TOKEN), authorizations(receiver, "/secret"));
        assertEquals(List.of("Bearer " + ENV_TOKEN), authorizations(receiver, "/env"));
        // the files keep the references: the resolved values live in memory only
        String files = Files.readString(fromFile, StandardCharsets.UTF_8) + Files.readString(fromEnv, StandardCharsets.UTF_8);
        assertTrue(files, files.contains("$[secret:herald/it-webhook-token]") && files.contains("$[env:" + ENV_NAME + "]"));
        assertFalse(files, files.contains(FILE_TOKEN) || files.contains(ENV_TOKEN));
    }

    private static String webhook(String name, String url, String token) {
        return "name = " + name + "\nurl = " + url + "\nauth = bearer\ntoken = " + token + "\n";
    }

    private static List<String> authorizations(RecordingHttpServer receiver, String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path))
                .map(RecordingHttpServer.Request::authorization).toList();
    }

    private boolean configured(String pid) {
        try {
            return configs.listConfigurations("(service.pid=" + pid + ")") != null;
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError("cannot list configurations", e);
        }
    }

    private String state(String name) {
        Optional<SinkView> sink = herald.sinks().stream().filter(s -> s.name().equals(name)).findFirst();
        return sink.map(SinkView::state).orElse("missing");
    }
}
