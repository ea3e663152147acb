package dev.herald.observe.metrics;

import java.security.Principal;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** Karaf's JAAS realm (users in etc/users.properties by default), as the web console uses it. */
final class JaasRealm implements MetricsAccess.Realm {
    private final String realm;
    private final String role;

    JaasRealm(String realm, String role) {
        this.realm = realm;
        this.role = role;
    }

    @Override
    public boolean permits(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            login.login();
            try {
                for (Principal p : subject.getPrincipals()) {
                    if (p instanceof RolePrincipal && role.equals(p.getName())) {
                        return true;
                    }
                }
                return false;
            } finally {
                login.logout();
            }
        } catch (LoginException e) {
            return false;
        }
    }
}
