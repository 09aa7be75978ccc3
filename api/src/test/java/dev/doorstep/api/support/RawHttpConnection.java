package dev.doorstep.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection driven byte by byte, as a phone app reuses it: each request is written
 * whole and its response read whole (Content-Length or chunked) before the next; a response that does not come
 * within the timeout fails with {@link Stalled}.
 */
public final class RawHttpConnection implements AutoCloseable {

    /** The server did not answer a request on this connection in time. */
    public static final class Stalled extends AssertionError {
        Stalled(String request, int timeoutMillis) {
            super("No response within " + timeoutMillis + " ms to: " + request);
        }
    }

    public record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;
    private final int timeoutMillis;

    public RawHttpConnection(int port, int timeoutMillis) throws IOException {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sends one request; {@code headers} are extra lines such as {@code "Authorization: Bearer x"}. */
    public Response send(String method, String path, String contentType, String body, String... headers)
            throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        try {
            return readResponse();
        } catch (SocketTimeoutException e) {
            throw new Stalled(method + " " + path, timeoutMillis);
        }
    }

    public boolean isClosedByServer() throws IOException {
        socket.setSoTimeout(200);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(timeoutMillis);
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("The server closed the connection");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
