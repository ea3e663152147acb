package dev.herald.webconsole;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/** Servlet requests and sessions as plain maps, for the plugin's request-level rules. */
final class FakeRequests {
    private FakeRequests() {
    }

    static HttpSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpSession) Proxy.newProxyInstance(FakeRequests.class.getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * A request in the session (null: none yet), with these headers, parameters and attributes.
     */
    static HttpServletRequest request(HttpSession session, Map<String, String> headers, Map<String, String> parameters,
                                      Map<String, Object> attributes) {
        HttpSession[] current = {session};
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequests.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSession" -> {
                        boolean create = args == null || (Boolean) args[0];
                        if (current[0] == null && create) {
                            current[0] = session();
                        }
                        yield current[0];
                    }
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getParameterValues" -> {
                        String value = parameters.get((String) args[0]);
                        yield value == null ? null : new String[] {value};
                    }
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "isUserInRole" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
