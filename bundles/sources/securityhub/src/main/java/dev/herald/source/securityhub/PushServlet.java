package dev.herald.source.securityhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The push endpoint as the OSGi HTTP Whiteboard sees it: hands each POST to the {@link
 * PushHandler} and writes its answer. A POST that did not come over HTTPS is refused with 403
 * unless {@code allow_plain_http} (a TLS-terminating proxy in front): it carries the header secret.
 * Other methods get the servlet API's 405.
 */
final class PushServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PushHandler handler;
    private final String headerName;
    private final boolean allowPlainHttp;

    PushServlet(PushHandler handler, SecurityHubSettings settings) {
        this.handler = handler;
        this.headerName = settings.headerName();
        this.allowPlainHttp = settings.allowPlainHttp();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PushHandler.Answer answer = request.isSecure() || allowPlainHttp
                ? handler.handle(request.getHeader(headerName), request.getContentType(),
                        request.getContentLengthLong(), request.getInputStream())
                : PushHandler.error(403, "this endpoint takes HTTPS only: post to its https:// URL, or set"
                        + " allow_plain_http = true when a TLS-terminating proxy forwards to Herald over plain HTTP");
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
