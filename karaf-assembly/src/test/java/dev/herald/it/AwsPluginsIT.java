package dev.herald.it;

import static org.junit.Assert.assertEquals;

import dev.herald.it.VendorEmulator.Answer;
import java.util.Map;
import org.junit.Test;

/**
 * The AWS plugins on the real distribution. The AWS SDK, packaged as one bundle, works inside
 * Karaf: a client built by Herald's AwsClients signs and sends a request and parses the answer,
 * with no class or service lookup failing.
 */
public class AwsPluginsIT extends HeraldContainerTest {

    @Test
    public void theSdkBundleSignsSendsAndParsesInsideKaraf() throws Exception {
        features.installFeature("herald-aws");
        VendorEmulator sts = new VendorEmulator(r -> r.header("Authorization") != null
                && r.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + AwsCalls.ACCESS_KEY + "/")
                && r.body().contains("Action=GetCallerIdentity")
                ? new Answer(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/herald</Arn>"
                        + "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
                        + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
                        Map.of("Content-Type", "text/xml"))
                : new Answer(403, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>",
                        Map.of("Content-Type", "text/xml")));

        // in a class of its own: the probe may load SDK classes only once herald-aws is installed
        assertEquals("123456789012", AwsCalls.callerAccount(sts.url()));
        assertEquals(1, sts.requests().size());
    }
}
