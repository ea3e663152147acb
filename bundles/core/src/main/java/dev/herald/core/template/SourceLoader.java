package dev.herald.core.template;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gives Pebble the text of the templates the {@link TemplateLocator} found, by their name. */
final class SourceLoader implements Loader<String> {
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    void put(String name, String text) {
        texts.put(name, text);
    }

    @Override
    public Reader getReader(String name) {
        String text = texts.get(name);
        if (text == null) {
            throw new LoaderException(null, "no template " + name);
        }
        return new StringReader(text);
    }

    @Override
    public void setCharset(String charset) {
        // texts are already decoded
    }

    @Override
    public void setPrefix(String prefix) {
        // names are complete
    }

    @Override
    public void setSuffix(String suffix) {
        // names are complete
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath;
    }

    @Override
    public String createCacheKey(String name) {
        return name;
    }

    @Override
    public boolean resourceExists(String name) {
        return texts.containsKey(name);
    }
}
