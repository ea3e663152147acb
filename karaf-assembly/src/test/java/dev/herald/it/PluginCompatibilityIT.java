package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.herald.api.admin.ApiMismatch;
import dev.herald.api.admin.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * A plugin built for Herald API 2 on this Herald (API 1): dropped in as a bundle it stays
 * unresolved and {@code herald:status} names it, the range it needs and the version Herald has;
 * installed as a feature, Karaf's resolver refuses it, and the wording the web console shows
 * instead of the resolver's is found in Karaf's real failure.
 */
public class PluginCompatibilityIT extends HeraldContainerTest {
    private static final String NEEDS_API_2 = "dev.herald.api;version=\"[2.0,3)\"";

    @Test
    public void aPluginBuiltForAnotherApiMajorIsNamedInStatusAndRefusedInPlainWords() throws Exception {
        Path dir = Files.createTempDirectory("herald-future-plugin");
        Path dropped = plugin(dir.resolve("future.jar"), "dev.herald.sink.future", "2.0.0");
        Bundle bundle = context.installBundle(dropped.toUri().toString());
        try {
            assertThrows(BundleException.class, bundle::start);
            String expected = "plugin dev.herald.sink.future 2.0.0 is built for Herald API dev.herald.api [2.0.0,3.0.0),"
                    + " but this Herald provides dev.herald.api 1.";
            Problem problem = herald.overview().problems().stream()
                    .filter(p -> p.subject().equals("plugin dev.herald.sink.future 2.0.0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no problem for the plugin: " + herald.overview().problems()));
            assertTrue(problem.message(), problem.message().startsWith(expected));
            String status = shell("herald:status");
            assertTrue(status, status.contains(expected));
        } finally {
            bundle.uninstall();
        }
        assertTrue(herald.overview().problems().stream().noneMatch(p -> p.subject().startsWith("plugin ")));

        Path later = plugin(dir.resolve("later.jar"), "dev.herald.sink.later", "3.0.0");
        Path repository = dir.resolve("features.xml");
        Files.writeString(repository, "<features name=\"later\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">"
                + "<feature name=\"herald-sink-later\" version=\"3.0.0\"><bundle>" + later.toUri() + "</bundle></feature>"
                + "</features>", StandardCharsets.UTF_8);
        features.addRepository(repository.toUri());
        Exception refused = assertThrows(Exception.class, () -> features.installFeature("herald-sink-later", "3.0.0"));
        ApiMismatch mismatch = ApiMismatch.inResolverMessage(messages(refused))
                .orElseThrow(() -> new AssertionError("not recognised as an API mismatch: " + messages(refused)));
        assertEquals(new ApiMismatch("dev.herald.sink.later 3.0.0", "dev.herald.api", "[2.0.0,3.0.0)", null), mismatch);
    }

    /** A minimal plugin bundle importing Herald API 2. */
    private static Path plugin(Path jar, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", NEEDS_API_2);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}
