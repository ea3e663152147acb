package dev.herald.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened (an emulator, SDK clients), after each test, the last opened first,
 * so that a test class needs no {@code @AfterEach} of its own. Register it before the fields that
 * use it:
 *
 * <pre>{@code
 * @RegisterExtension
 * final CloseAfterEach opened = new CloseAfterEach();
 * private final CloudTrailEmulator aws = opened.add(new CloudTrailEmulator());
 * }</pre>
 */
public final class CloseAfterEach implements AfterEachCallback {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Closes {@code resource} after the test; returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    /** Closes everything added, each even when one before it failed to close; the first failure is thrown. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource = poll(); resource != null; resource = poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized AutoCloseable poll() {
        return open.poll();
    }
}
