package dev.herald.source.securityhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The push endpoint as the OSGi HTTP Whiteboard sees it: hands each POST to the {@link
 * PushHandler} and writes its answer. Other methods get the servlet API's 405.
 */
final class PushServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PushHandler handler;
    private final String headerName;

    PushServlet(PushHandler handler, String headerName) {
        this.handler = handler;
        this.headerName = headerName;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PushHandler.Answer answer = handler.handle(request.getHeader(headerName), request.getContentType(),
                request.getContentLengthLong(), request.getInputStream());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
