package dev.herald.it;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the suites' peer processes (S3Mock, rsyslogd) once every test has run, in the JVM that
 * started them; registered through {@code META-INF/services}.
 */
public final class PeersShutdown implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        AwsPeers.stop();
    }
}
