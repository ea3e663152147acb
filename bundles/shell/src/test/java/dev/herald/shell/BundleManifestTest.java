package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.bundle.BuiltBundle;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The manifest bnd wrote, checked against what Karaf 4.4 needs: the command extender's header,
 * imports that Karaf's shell bundle exports at a version the ranges accept, and commands the
 * extender can instantiate.
 */
class BundleManifestTest {

    private static final BuiltBundle BUNDLE = BuiltBundle.of(StatusCommand.class);

    @Test
    void karafScansTheCommandPackagesAndNoDeclarativeServicesAreInvolved() throws IOException {
        Attributes main = BUNDLE.headers();

        assertEquals("dev.herald.shell.*", main.getValue("Karaf-Commands"));
        assertEquals("dev.herald.shell", main.getValue("Bundle-SymbolicName"));
        assertNull(main.getValue("Service-Component"), "Karaf instantiates the commands, not DS");
        assertNull(main.getValue("Export-Package"), "the commands are private to the bundle");
    }

    @Test
    void karafImportsAreExportedByKarafShellCoreForEvery44Release() throws IOException {
        Map<String, Map<String, String>> imports = BUNDLE.imports();
        Map<String, Map<String, String>> exports = BuiltBundle.clauses(shellCoreManifest().getMainAttributes().getValue("Export-Package"));
        List<String> karaf = imports.keySet().stream().filter(p -> p.startsWith("org.apache.karaf.")).toList();

        assertTrue(karaf.containsAll(List.of("org.apache.karaf.shell.api.action",
                "org.apache.karaf.shell.api.action.lifecycle", "org.apache.karaf.shell.api.console",
                "org.apache.karaf.shell.support.table", "org.apache.karaf.shell.support.completers")), karaf.toString());
        for (String pkg : karaf) {
            Map<String, String> export = exports.get(pkg);
            assertNotNull(export, pkg + " is not exported by org.apache.karaf.shell.core");
            VersionRange range = new VersionRange(imports.get(pkg).get("version"));
            assertTrue(range.includes(new Version(export.get("version"))), pkg + " " + range + " vs " + export);
            assertTrue(range.includes(new Version("4.4.0")) && range.includes(new Version("4.4.99")), pkg + " " + range);
        }
    }

    @Test
    void importsNothingOfHeraldButTheApi() throws IOException {
        List<String> herald = BUNDLE.imports().keySet().stream()
                .filter(p -> p.startsWith("dev.herald")).toList();
        assertTrue(List.of("dev.herald.api", "dev.herald.api.admin", "dev.herald.api.record", "dev.herald.api.secret")
                .containsAll(herald), herald.toString());
    }

    @Test
    void everyCommandIsAnInstantiableServiceInScopeHerald() throws Exception {
        List<Class<?>> commands = new ArrayList<>();
        for (Class<?> type : bundleClasses()) {
            Command command = type.getAnnotation(Command.class);
            if (command == null) {
                continue;
            }
            commands.add(type);
            assertEquals("herald", command.scope(), type.getName());
            assertNotNull(type.getAnnotation(Service.class), type + " lacks @Service: Karaf would not register it");
            assertTrue(Action.class.isAssignableFrom(type), type.getName());
            assertTrue(Modifier.isPublic(type.getModifiers()), type.getName());
            type.getConstructor().newInstance();
            assertCompletersResolvable(type);
        }
        assertEquals(14, commands.size(), commands.toString());
    }

    private static void assertCompletersResolvable(Class<?> command) {
        for (Class<?> c = command; c != Object.class; c = c.getSuperclass()) {
            Stream.of(c.getDeclaredFields()).map(f -> f.getAnnotation(Completion.class)).filter(a -> a != null)
                    .forEach(completion -> {
                        Class<?> completer = completion.value();
                        boolean karafOwn = completer == FileCompleter.class
                                || (completer == StringsCompleter.class && completion.values().length > 0);
                        assertTrue(karafOwn || (Completer.class.isAssignableFrom(completer)
                                && completer.getAnnotation(Service.class) != null),
                                command.getName() + " uses " + completer.getName());
                    });
        }
    }

    private static List<Class<?>> bundleClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(BUNDLE.classes().resolve("dev/herald/shell"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = BUNDLE.classes().relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                types.add(Class.forName(name));
            }
        }
        return types;
    }

    private static Manifest shellCoreManifest() throws IOException {
        try (JarFile jar = new JarFile(BuiltBundle.location(ShellTable.class).toFile())) {
            return jar.getManifest();
        }
    }
}
