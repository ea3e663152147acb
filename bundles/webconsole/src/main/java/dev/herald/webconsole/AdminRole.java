package dev.herald.webconsole;

import java.security.Principal;
import javax.security.auth.Subject;
import javax.servlet.http.HttpServletRequest;

/**
 * Whether the web console's user may change Herald: Karaf's JAAS security provider hands the
 * console the logged-in {@link Subject}, whose role principals come from etc/users.properties
 * (or whichever JAAS realm is configured).
 */
final class AdminRole {

    static final String ROLE = "admin";
    /** Felix Web Console's request attribute for the user its security provider authenticated. */
    static final String USER_ATTRIBUTE = "org.apache.felix.webconsole.user";
    /** Karaf's role principal; matched by name because it lives on the boot class path. */
    private static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";

    private AdminRole() {
    }

    static boolean granted(HttpServletRequest request) {
        if (request.getAttribute(USER_ATTRIBUTE) instanceof Subject subject) {
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
