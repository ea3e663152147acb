package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid configuration fails activation with a message naming the property and the fix. */
class SyslogSinkConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name|' '|syslog sink: name is required: routes refer to the sink by it",
        "host|''|syslog sink 'siem': host is required: the syslog receiver's host name or address",
        "transport|relp|syslog sink 'siem': transport 'relp' is not supported: use one of udp, tcp, tls",
        "port|70000|syslog sink 'siem': port 70000 is not a port number: use 1–65535, or 0 for the standard port (514 udp/tcp, 6514 tls)",
        "framing|nul|syslog sink 'siem': framing 'nul' is not supported: use one of octet_counting, lf",
        "header|rfc3195|syslog sink 'siem': header 'rfc3195' is not supported: use one of rfc5424, rfc3164",
        "facility|local8|syslog sink 'siem': facility 'local8' is not a syslog facility: use a name such as local0 … local7, auth, authpriv, or a number from 0 to 23",
        "facility|24|syslog sink 'siem': facility '24' is not a syslog facility: use a name such as local0 … local7, auth, authpriv, or a number from 0 to 23",
        "app_name|my app|syslog sink 'siem': app_name 'my app' must be 1–48 printable ASCII characters without spaces",
        "msgid|ThisMessageIdIsLongerThanThirtyTwo|syslog sink 'siem': msgid 'ThisMessageIdIsLongerThanThirtyTwo' must be 1–32 printable ASCII characters without spaces",
        "hostname|hôte|syslog sink 'siem': hostname 'hôte' must be 1–255 printable ASCII characters without spaces",
        "format|../etc|syslog sink 'siem': format '../etc' is not a template set name: use json, cef, leef, logrhythm, or the name of a directory of templates you added under etc/herald/templates/syslog/ (letters, digits, '.', '_' and '-')",
        "max_message_size|100|syslog sink 'siem': max_message_size 100 is too small: receivers must accept 480 bytes (RFC 5424); use 0 for the default (8192 tcp/tls, 2048 udp)",
        "connect_timeout|0|syslog sink 'siem': connect_timeout must be a positive number of seconds; was 0",
        "write_timeout|-1|syslog sink 'siem': write_timeout must be a positive number of seconds; was -1",
        "rate|-5|syslog sink 'siem': rate must be 0 (no limit) or a positive number of messages per second; was -5",
        "ca_bundle|/etc/ca.pem|syslog sink 'siem': ca_bundle, client_certificate and insecure apply to transport = tls only; set transport = tls or remove them",
    })
    void anInvalidSettingIsNamed(String property, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink(property, value));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "framing|lf|syslog sink 'siem': framing = lf is not allowed with transport = tls: RFC 5425 requires octet counting; remove framing or set it to octet_counting",
        "ca_bundle|/nonexistent/ca.pem|syslog sink 'siem': ca_bundle '/nonexistent/ca.pem' does not exist: give the path of a PEM file holding the CA certificate(s)",
        "client_certificate|/nonexistent/client.pem|syslog sink 'siem': client_key is required with client_certificate: the PEM file of the certificate's private key (PKCS#8, -----BEGIN PRIVATE KEY-----)",
    })
    void anInvalidTlsSettingIsNamed(String property, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink("transport", "tls", property, value));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"header|rfc3164|app_name|ThisTagIsLongerThanThirtyTwoChars",
        "transport|udp|max_message_size|65508"})
    void limitsDependOnOtherSettings(String k1, String v1, String k2, String v2) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink(k1, v1, k2, v2));
        assertTrue(e.getMessage().contains(k2), e.getMessage());
    }

    private static SyslogSink sink(String... keyValues) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "siem", "host", "siem.example.com"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return new SyslogSink(SyslogSinkTest.config(p), ZoneOffset.UTC);
    }
}
