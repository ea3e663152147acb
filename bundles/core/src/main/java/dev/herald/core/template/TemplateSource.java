package dev.herald.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A template found by the {@link TemplateLocator}; its text is read only when its version is new.
 *
 * @param name    where it is, as shown in errors (a file path, a bundle entry, the built-in name)
 * @param version changes when the text changes (modification time and size, bundle update)
 * @param reader  reads the text
 */
record TemplateSource(String name, long version, Text reader) {

    /** Reads a template's text. */
    @FunctionalInterface
    interface Text {
        String read() throws IOException;
    }

    String text() throws IOException {
        return reader.read();
    }

    static TemplateSource file(Path file) throws IOException {
        long version = Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
        return new TemplateSource(file.toString(), version, () -> Files.readString(file, StandardCharsets.UTF_8));
    }

    static TemplateSource url(String name, long version, URL url) {
        return new TemplateSource(name, version, () -> {
            try (InputStream in = url.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }
}
