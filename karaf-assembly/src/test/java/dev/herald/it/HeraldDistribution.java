package dev.herald.it;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** Pax Exam options that boot the Herald distribution this build assembled. */
final class HeraldDistribution {
    private HeraldDistribution() {
    }

    static Option[] options() {
        File tarball = new File(System.getProperty("herald.distribution",
                "target/herald-karaf-" + System.getProperty("project.version") + ".tar.gz"));
        if (!tarball.isFile()) {
            throw new IllegalStateException("no Herald distribution at " + tarball
                    + ": run the Pax Exam tests through Maven (mvn verify), which assembles it first");
        }
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(tarball.toURI().toString())
                    .name("Herald")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // off the default ports, so a running Herald on this machine does not collide
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "18181"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445"),
            // the demo pipeline stays on: the tests must work beside it, as a user's routes do
            systemProperty("pax.exam.service.timeout").value("60000"),
        };
    }
}
