package dev.herald.webconsole;

import java.security.Principal;
import javax.security.auth.Subject;
import javax.servlet.http.HttpServletRequest;

/**
 * Whether the web console's user may change Herald. Karaf's JAAS security provider puts the
 * logged-in {@link Subject} in the request (its role principals come from etc/users.properties or
 * whichever JAAS realm is configured); the web console's own {@code User.authorize} cannot be
 * asked, as Karaf's provider grants every role to every user.
 */
final class AdminRole {

    static final String ROLE = "admin";
    /** Where Karaf's web console security provider puts the authenticated Subject. */
    static final String SUBJECT_ATTRIBUTE = "karaf.subject.runas";
    /** Karaf's role principal; matched by name because it lives on the boot class path. */
    private static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";

    private AdminRole() {
    }

    static boolean granted(HttpServletRequest request) {
        if (request.getAttribute(SUBJECT_ATTRIBUTE) instanceof Subject subject) {
            for (Principal principal : subject.getPrincipals()) {
                if (ROLE_PRINCIPAL.equals(principal.getClass().getName()) && ROLE.equals(principal.getName())) {
                    return true;
                }
            }
            return false;
        }
        return request.isUserInRole(ROLE);
    }
}
