package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class AdminRoleTest {

    private static boolean granted(Principal... principals) {
        Subject subject = new Subject();
        for (Principal p : principals) {
            subject.getPrincipals().add(p);
        }
        return AdminRole.granted(FakeRequests.request(null, Map.of(), Map.of(), Map.of(AdminRole.SUBJECT_ATTRIBUTE, subject)));
    }

    @Test
    void theKarafAdminRoleGrantsChanges() {
        assertTrue(granted(new UserPrincipal("ops"), new RolePrincipal("viewer"), new RolePrincipal("admin")));
    }

    @Test
    void otherRolesAUserNamedAdminOrNoUserDoNot() {
        assertFalse(granted(new UserPrincipal("ops"), new RolePrincipal("viewer")));
        assertFalse(granted(new UserPrincipal("admin")), "a user called admin is not the admin role");
        assertFalse(AdminRole.granted(FakeRequests.request(null, Map.of(), Map.of(), Map.of())));
    }
}
