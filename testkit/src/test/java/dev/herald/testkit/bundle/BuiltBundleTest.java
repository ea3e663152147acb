package dev.herald.testkit.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltBundleTest {

    @Test
    void anImportHeaderIsReadPackageByPackageWithItsAttributesAndWithoutDirectives() {
        Map<String, Map<String, String>> clauses = BuiltBundle.clauses(
                "com.fasterxml.jackson.databind;version=\"[2.15,3)\",dev.herald.api;resolution:=optional;version=\"[1.2,2)\","
                        + "org.slf4j");

        assertEquals(List.of("com.fasterxml.jackson.databind", "dev.herald.api", "org.slf4j"), List.copyOf(clauses.keySet()));
        assertEquals(Map.of("version", "[2.15,3)"), clauses.get("com.fasterxml.jackson.databind"));
        assertEquals(Map.of("version", "[1.2,2)"), clauses.get("dev.herald.api"));
        assertEquals(Map.of(), clauses.get("org.slf4j"));
    }

    @Test
    void theExampleConfigurationKeysAreTheSetAndTheCommentedOutOnes(@TempDir Path module) throws IOException {
        Path classes = Files.createDirectories(module.resolve("target/classes"));
        Path cfg = Files.createDirectories(module.resolve("src/main/cfg")).resolve("x.cfg");
        Files.writeString(cfg, "# A comment = not a key\nname = acme\n#rate = 5\nurl.path = /x\n");
        BuiltBundle bundle = BuiltBundle.at(classes);

        assertEquals(List.of("name", "rate", "url.path"), List.copyOf(bundle.exampleConfigurationKeys("x.cfg")));
    }
}
