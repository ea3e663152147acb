package dev.herald.webconsole;

import java.security.Principal;
import javax.security.auth.Subject;
import javax.servlet.http.HttpServletRequest;

/** Who uses the web console, for the records that name their creator (silences). */
final class ConsoleUser {
    /** Karaf's user principal; matched by name because it lives on the boot class path. */
    private static final String USER_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.UserPrincipal";

    private ConsoleUser() {
    }

    /** The logged-in user of Karaf's JAAS realm, else the servlet container's, else null. */
    static String of(HttpServletRequest request) {
        if (request.getAttribute(AdminRole.SUBJECT_ATTRIBUTE) instanceof Subject subject) {
            for (Principal principal : subject.getPrincipals()) {
                if (USER_PRINCIPAL.equals(principal.getClass().getName())) {
                    return principal.getName();
                }
            }
        }
        return request.getRemoteUser();
    }
}
