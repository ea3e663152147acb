package dev.herald.it;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Karaf's features service as the tests drive it, robust to Karaf replacing it. Karaf restarts its
 * features service whenever the Config Admin or Maven URL handler service it depends on is
 * registered anew, which can happen while a container boots. The instance a test was injected with
 * then refuses work ({@link RejectedExecutionException}), and a provisioning still under way on it
 * finishes after the new instance has loaded the features state from before it: that feature's
 * bundles run, but the new instance does not list it as installed. So every call here goes to the
 * instance registered now, once more to its successor if it was stopped meanwhile, and an install
 * is asked for again if the feature is missing from the state afterwards (Karaf then records it
 * and changes no bundle). A replacement is printed, so that a test log shows it happened.
 */
final class KarafFeatures {
    private static final long WAIT_MS = 60_000;
    private static final int ATTEMPTS = 3;

    private final BundleContext context;

    KarafFeatures(BundleContext context) {
        this.context = context;
    }

    /** Installs the feature (its newest version) and checks that Karaf lists it as installed. */
    void installFeature(String name) throws Exception {
        for (int attempt = 1; ; attempt++) {
            call(f -> f.installFeature(name));
            if (required(name)) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new AssertionError(name + " was installed " + ATTEMPTS + " times and Karaf still does not list it: "
                        + current().listRequirements());
            }
            System.out.println("Karaf lost the requirement for " + name + " (its features service was replaced"
                    + " while it provisioned); installing it again");
        }
    }

    void installFeature(String name, String version) throws Exception {
        call(f -> f.installFeature(name, version));
    }

    /** Uninstalls the feature; one whose requirement Karaf lost (see above) is recorded again first. */
    void uninstallFeature(String name) throws Exception {
        if (!required(name)) {
            System.out.println("Karaf does not list " + name + " as installed (its features service was replaced"
                    + " while it provisioned); recording it again before uninstalling it");
            installFeature(name);
        }
        call(f -> f.uninstallFeature(name));
    }

    void addRepository(URI uri) throws Exception {
        call(f -> f.addRepository(uri));
    }

    Feature getFeature(String name) throws Exception {
        return current().getFeature(name);
    }

    boolean isInstalled(Feature feature) throws InterruptedException {
        return current().isInstalled(feature);
    }

    Map<String, Set<String>> listRequirements() throws InterruptedException {
        return current().listRequirements();
    }

    /** Whether Karaf's state has the feature among what was asked to be installed. */
    private boolean required(String name) throws InterruptedException {
        return current().listRequirements().values().stream().flatMap(Set::stream)
                .anyMatch(requirement -> requirement.startsWith("feature:" + name + "/"));
    }

    private void call(Call call) throws Exception {
        FeaturesService used = current();
        for (int attempt = 1; ; attempt++) {
            try {
                call.on(used);
                return;
            } catch (RejectedExecutionException stopped) {
                if (attempt == ATTEMPTS) {
                    throw stopped;
                }
                used = successorOf(used);
                System.out.println("Karaf replaced its features service during a test; calling the new one");
            }
        }
    }

    private FeaturesService current() throws InterruptedException {
        return awaitService(null);
    }

    private FeaturesService successorOf(FeaturesService stopped) throws InterruptedException {
        return awaitService(stopped);
    }

    /** The registered features service once there is one other than {@code not}. */
    private FeaturesService awaitService(FeaturesService not) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        do {
            ServiceReference<FeaturesService> reference = context.getServiceReference(FeaturesService.class);
            FeaturesService service = reference == null ? null : context.getService(reference);
            if (service != null && service != not) {
                return service;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(not == null ? "no features service registered within " + WAIT_MS / 1000 + " s"
                : "Karaf's features service stopped and no other came within " + WAIT_MS / 1000 + " s");
    }

    @FunctionalInterface
    private interface Call {
        void on(FeaturesService features) throws Exception;
    }
}
