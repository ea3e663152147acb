package dev.herald.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.admin.HeraldAdmin;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What every Pax Exam test of the distribution shares: one container per class booted from
 * {@link HeraldDistribution}, the services the tests drive Herald with, and the way they configure
 * it (factory configurations in Config Admin, as the web console and {@code .cfg} files do).
 * A test adds its own options through {@link #moreOptions()}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class HeraldContainerTest {
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected BundleContext context;
    @Inject
    protected ConfigurationAdmin configs;
    /**
     * Registered once Karaf has installed its boot features: core's service, which the tests wait
     * for, comes up before that provisioning has ended, and a test's own provisioning should not
     * overlap it. Karaf's own integration tests wait for it too.
     */
    @Inject
    @Filter(timeout = 120000)
    protected BootFinished bootFinished;
    /** Karaf's features service, the one registered at each call ({@link KarafFeatures}). */
    protected KarafFeatures features;
    @Inject
    @Filter(timeout = 60000)
    protected HeraldAdmin herald;
    @Inject
    protected SessionFactory shell;

    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(HeraldDistribution.options(), moreOptions());
    }

    @Before
    public void featuresService() {
        features = new KarafFeatures(context);
    }

    /** Options this test adds to the distribution's: none unless overridden. */
    protected Option[] moreOptions() throws Exception {
        return new Option[0];
    }

    /** Creates or updates the factory configuration {@code factoryPid-name}. */
    protected void configure(String factoryPid, String name, Dictionary<String, ?> properties) throws IOException {
        configs.getFactoryConfiguration(factoryPid, name, "?").update(properties);
    }

    protected void configure(String factoryPid, String name, Map<String, ?> properties) throws IOException {
        Dictionary<String, Object> copy = new Hashtable<>(properties);
        configure(factoryPid, name, copy);
    }

    /** Configuration properties from alternating keys and values. */
    protected static Dictionary<String, Object> props(Object... keysAndValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    /** Runs a Karaf shell command and returns what it printed. */
    protected String shell(String command) throws Exception {
        return KarafShell.run(shell, command);
    }

    /** The installed bundle of this symbolic name, if there is one. */
    protected Optional<Bundle> installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    protected Bundle bundle(String symbolicName) {
        return installed(symbolicName).orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " is installed"));
    }

    /**
     * Waits until core's admin service is back after core was restarted, and uses the new one
     * from then on (the injected one went away with the old core).
     */
    protected void awaitHeraldBack() {
        Await.until(Duration.ofSeconds(60), () -> context.getServiceReference(HeraldAdmin.class) != null,
                () -> "core did not come back: no " + HeraldAdmin.class.getName() + " service");
        herald = context.getService(context.getServiceReference(HeraldAdmin.class));
    }
}
