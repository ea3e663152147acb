package dev.herald.sink.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses configured e-mail addresses strictly (RFC 822), so that a typo fails at activation. */
final class Addresses {
    private Addresses() {
    }

    /**
     * The addresses of {@code entries}, each of which may hold several separated by commas, e.g.
     * {@code secops@example.com, "On call" <oncall@example.com>}.
     *
     * @throws IllegalArgumentException naming {@code property} when an address is malformed
     */
    static List<InternetAddress> parse(String property, String... entries) {
        List<InternetAddress> result = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                for (InternetAddress address : InternetAddress.parse(entry, true)) {
                    result.add(new InternetAddress(address.toString(), true));
                }
            } catch (AddressException e) {
                throw new IllegalArgumentException(property + ": '" + entry.trim() + "' is not a valid e-mail address"
                        + " (" + e.getMessage() + "): write e.g. secops@example.com or"
                        + " \"SecOps\" <secops@example.com>, several separated by commas");
            }
        }
        return List.copyOf(result);
    }
}
