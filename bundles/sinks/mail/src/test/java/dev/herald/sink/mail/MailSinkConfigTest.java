package dev.herald.sink.mail;

import static dev.herald.sink.mail.MailSinkTest.configFor;
import static dev.herald.sink.mail.MailSinkTest.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid configuration fails activation with a message naming the property. */
class MailSinkConfigTest {

    private static String activationError(Map<String, Object> properties) {
        return assertThrows(IllegalArgumentException.class, () -> sink(properties)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "host     |                      | host is required",
            "from     | herald at example    | from: 'herald at example' is not a valid e-mail address",
            "from     | a@example.com, b@example.com | from must be one address",
            "to       |                      | to is required",
            "to       | secops@example.com, bad@ | to: 'secops@example.com, bad@' is not a valid e-mail address",
            "cc       | <oops                | cc: '<oops' is not a valid e-mail address",
            "route_to | no-equals-sign       | route_to: 'no-equals-sign' must be <route name>=<address>",
            "route_to | iam=                 | route_to: route 'iam' lists no address",
            "route_cc | iam=x@                | route_cc (route iam): 'x@' is not a valid e-mail address",
            "security | tls                  | security 'tls' is not supported: use starttls",
            "port     | 70000                | port must be 1-65535",
            "password | s3cret               | username is required with password",
            "username | herald               | password is required with username",
            "connect_timeout | -1            | connect_timeout must be 0",
            "read_timeout | -5               | read_timeout must be 0",
            "rate     | -1                   | rate must be 0",
            "ca_bundle | /nonexistent/ca.pem | ca_bundle '/nonexistent/ca.pem' does not exist"})
    void namesTheFaultyProperty(String property, String value, String expected) {
        Map<String, Object> p = configFor(2525, "starttls");
        p.put(property, value == null ? "" : value);

        String message = activationError(p);

        assertTrue(message.startsWith("mail sink 'secops-mail': " + expected), message);
    }

    @Test
    void routeToEntriesMayNotRepeatARoute() {
        String message = activationError(configFor(2525, "none", "route_to", "iam=a@example.com\niam=b@example.com"));

        assertTrue(message.contains("route_to: route 'iam' appears twice"), message);
    }

    @Test
    void nameIsRequired() {
        assertEquals("mail sink: name is required: routes refer to the sink by it",
                activationError(configFor(2525, "none", "name", " ")));
    }

    @Test
    void portsDefaultBySecurity() {
        assertEquals(587, Security.parse("starttls").defaultPort());
        assertEquals(465, Security.parse("SMTPS").defaultPort());
        assertEquals(25, Security.parse("none").defaultPort());
        assertEquals(Security.STARTTLS, Security.parse(""));
    }

    @Test
    void aMessageIdIsSafeWhateverTheKeyHolds() {
        assertEquals("<0f3a9c5e@herald>", MailMessages.messageId("0f3a9c5e"));
        String id = MailMessages.messageId("key with <spaces> and @");
        assertTrue(id.matches("<[0-9a-f]{64}@herald>"), id);
    }
}
