package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle's templates are looked up once per bundle version, not once per delivery. */
class CachingSinkResourcesTest {
    @TempDir
    Path root;

    @Test
    void eachEntryIsLookedUpOncePerVersionWhetherPresentOrNot() throws Exception {
        Files.createDirectories(root.resolve("templates"));
        Files.writeString(root.resolve("templates/default.peb"), "{{ raw }}");
        VersionedBundle bundle = new VersionedBundle(root);
        CachingSinkResources cached = new CachingSinkResources(bundle);

        for (int i = 0; i < 3; i++) {
            assertNotNull(cached.entry("templates/default.peb"));
            assertNull(cached.entry("templates/cloudtrail.peb"));
        }
        assertEquals(2, bundle.lookups);
        assertEquals("sink-bundle", cached.name());
    }

    @Test
    void anUpdatedBundleIsLookedUpAgain() throws Exception {
        Files.createDirectories(root.resolve("templates"));
        VersionedBundle bundle = new VersionedBundle(root);
        CachingSinkResources cached = new CachingSinkResources(bundle);
        assertNull(cached.entry("templates/cloudtrail.peb"));

        Files.writeString(root.resolve("templates/cloudtrail.peb"), "{{ raw }}");
        bundle.version = 2;

        assertNotNull(cached.entry("templates/cloudtrail.peb"));
        assertEquals(2, cached.version());
    }
}
