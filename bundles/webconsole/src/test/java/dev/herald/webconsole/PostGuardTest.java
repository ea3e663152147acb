package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.Test;

/**
 * A POST that would change Herald is refused before anything is done: the plugin is built
 * without a HeraldAdmin, so a call that got through would fail with a 500, not a 403.
 */
class PostGuardTest {

    private final HeraldConsolePlugin plugin = new HeraldConsolePlugin(null, null, null);

    private record Answer(int status, String contentType, String body) {
    }

    private Answer post(HttpServletRequest request) throws Exception {
        Map<String, Object> state = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> state.put("status", args[0]);
                    case "setContentType" -> state.put("type", args[0]);
                    case "setHeader" -> null;
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        plugin.doPost(request, response);
        return new Answer((Integer) state.get("status"), (String) state.get("type"), body.toString(StandardCharsets.UTF_8));
    }

    private static HttpServletRequest purge(HttpSession session, Map<String, String> headers, Subject subject) {
        Map<String, String> parameters = Map.of("sink", "soc");
        Map<String, Object> attributes = subject == null ? Map.of() : Map.of(AdminRole.SUBJECT_ATTRIBUTE, subject);
        HttpServletRequest plain = FakeRequests.request(session, headers, parameters, attributes);
        return (HttpServletRequest) Proxy.newProxyInstance(PostGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> "getPathInfo".equals(method.getName())
                        ? "/herald/api/deadletters/purge" : method.invoke(plain, args));
    }

    private static Subject withRoles(String... roles) {
        Subject subject = new Subject();
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    @Test
    void withoutTheAdminRoleNothingChanges() throws Exception {
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(purge(session, Map.of(CsrfTokens.HEADER, token), withRoles("viewer")));
        assertEquals(403, answer.status());
        assertEquals(ConsoleJson.CONTENT_TYPE, answer.contentType());
        assertTrue(answer.body().contains("needs the admin role"), answer.body());
    }

    @Test
    void withoutTheSessionsTokenNothingChanges() throws Exception {
        HttpSession session = FakeRequests.session();
        CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(purge(session, Map.of(CsrfTokens.HEADER, "forged"), withRoles("admin")));
        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("X-Herald-CSRF"), answer.body());
    }
}
