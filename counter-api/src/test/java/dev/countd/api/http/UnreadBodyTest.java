package dev.countd.api.http;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A response sent before its request body was read must not leave the client a connection that
 * the server drops under its next request: raw sockets, so the body can arrive late or not at all.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnreadBodyTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    private static final String BODY = "{\"value\":1}";

    @Test
    void aRefusalSentBeforeTheBodyArrivedSaysConnectionCloseAndCloses() throws IOException {
        String reader = TestKeys.create(Http.local(APP.getLocalPort()), "unread-ns", "counters:read");
        try (Socket socket = connect()) {
            send(socket, headers("PUT", "/counters/unread.a", reader, BODY.length()));
            RawReply reply = RawReply.read(socket.getInputStream());
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
        }
    }

    @Test
    void anUnauthenticatedBodyThatHasNotArrivedClosesTheConnectionToo() throws IOException {
        answeredWithConnectionClose(headers("PUT", "/counters/unread.b", "ck_unknown99_" + "U".repeat(40), BODY.length()), 401);
    }

    @Test
    void aRefusalWhoseBodyHadArrivedKeepsTheConnectionForTheNextRequest() throws IOException {
        String reader = TestKeys.create(Http.local(APP.getLocalPort()), "unread-ns", "counters:read");
        try (Socket socket = connect()) {
            send(socket, headers("PUT", "/counters/unread.c", reader, BODY.length()) + BODY);
            RawReply refused = RawReply.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("connection")).isNull();

            send(socket, headers("GET", "/counters/unread.c", reader, 0));
            RawReply next = RawReply.read(socket.getInputStream());
            assertThat(next.status()).isEqualTo(404);
            assertThat(next.body()).contains("counter-not-found");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithConnectionClose() throws IOException {
        answeredWithConnectionClose(headers("PUT", "/counters/unread.d", TestApps.ADMIN_KEY, BodySizeLimitFilter.DEFAULT_LIMIT + 1), 413);
    }

    @Test
    void aRefusalOfAClientWaitingForContinueInvitesNoBodyAndCloses() throws IOException {
        String reader = TestKeys.create(Http.local(APP.getLocalPort()), "unread-ns", "counters:read");
        String head = headers("PUT", "/counters/unread.g", reader, BODY.length());
        // the first status line read must be the final 403, not an invitation (100 Continue)
        answeredWithConnectionClose(head.substring(0, head.length() - 2) + "Expect: 100-continue\r\n\r\n", 403);
    }

    @Test
    void aContentLengthBeyondTwoGigabytesIsRefusedAs413() throws IOException {
        RawReply reply = answeredWithConnectionClose(headers("PUT", "/counters/unread.h", TestApps.ADMIN_KEY, 3_000_000_000L), 413);
        assertThat(reply.body()).contains("payload-too-large").contains("3000000000");
    }

    @Test
    void aBodyThatWasReadKeepsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, headers("PUT", "/counters/unread.e", TestApps.ADMIN_KEY, BODY.length()) + BODY);
            RawReply created = RawReply.read(socket.getInputStream());
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("connection")).isNull();

            send(socket, headers("GET", "/counters/unread.e", TestApps.ADMIN_KEY, 0));
            assertThat(RawReply.read(socket.getInputStream()).body()).contains("\"value\":1");
        }
    }

    @Test
    void aChunkedBodyThatWasReadKeepsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            String head = headers("PUT", "/counters/unread.f", TestApps.ADMIN_KEY, 0);
            send(socket, head.substring(0, head.length() - 2) + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n");
            RawReply created = RawReply.read(socket.getInputStream());
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("connection")).isNull();

            send(socket, headers("GET", "/counters/unread.f", TestApps.ADMIN_KEY, 0));
            assertThat(RawReply.read(socket.getInputStream()).body()).contains("\"value\":1");
        }
    }

    /** Sends {@code request} (no body) on a new connection; the answer must be {@code status} with Connection: close. */
    private static RawReply answeredWithConnectionClose(String request, int status) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            RawReply reply = RawReply.read(socket.getInputStream());
            assertThat(reply.status()).isEqualTo(status);
            assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
            return reply;
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", APP.getLocalPort());
        // Under the server's 10 s idle timeout: a reply held back by a drain that waits for the body fails here.
        socket.setSoTimeout(3_000);
        return socket;
    }

    private static String headers(String method, String path, String key, long contentLength) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n"
                + (contentLength > 0 ? "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n" : "")
                + "\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One HTTP/1.1 response with a Content-Length body, read off a socket. */
    record RawReply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        static RawReply read(InputStream in) throws IOException {
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before a whole response head: " + head);
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII).trim();
        }
    }
}
