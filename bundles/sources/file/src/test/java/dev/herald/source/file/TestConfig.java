package dev.herald.source.file;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A {@link FileSource.Config} as DS builds it from configuration properties (named as in a .cfg file). */
final class TestConfig {

    private TestConfig() {
    }

    static FileSource.Config config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (FileSource.Config) Proxy.newProxyInstance(FileSource.Config.class.getClassLoader(),
                new Class<?>[] {FileSource.Config.class}, (proxy, method, args) -> {
                    String property = method.getName().replace("__", "_");
                    if (values.containsKey(property)) {
                        return values.get(property);
                    }
                    if (method.getName().equals("annotationType")) {
                        return FileSource.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }

    /** Settings for a source reading {@code directory} at once (no settle time). */
    static FileSourceSettings settings(Path directory, Object... more) {
        Object[] all = new Object[more.length + 6];
        all[0] = "name";
        all[1] = "files";
        all[2] = "directory";
        all[3] = directory.toString();
        all[4] = "settle_time";
        all[5] = 0L;
        System.arraycopy(more, 0, all, 6, more.length);
        return FileSourceSettings.from(config(all), directory.getParent());
    }
}
