package dev.doorstep.api.driver;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Firebase Admin SDK, with every HTTP connection it opens (FCM's {@code messages:send} on
 * fcm.googleapis.com) sent to one WireMock server on loopback, and a fixed access token: nothing reaches Google.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WireMockFcm {

    public static final String PROJECT = "doorstep-test";
    public static final String SEND_PATH = "/v1/projects/" + PROJECT + "/messages:send";
    public static final WireMockServer SERVER = started();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40));
        server.start();
        return server;
    }

    @Bean(destroyMethod = "delete")
    FirebaseApp wireMockFirebaseApp() {
        int port = SERVER.port();
        NetHttpTransport transport = new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) new URL("http", "localhost", port, url.getFile())
                        .openConnection())
                .build();
        FirebaseOptions options = FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(new AccessToken("test", new Date(Long.MAX_VALUE / 2))))
                .setProjectId(PROJECT)
                .setHttpTransport(transport)
                .build();
        return FirebaseApp.initializeApp(options, "wiremock-" + UUID.randomUUID());
    }

    @Bean
    FirebaseMessaging wireMockFirebaseMessaging(FirebaseApp wireMockFirebaseApp) {
        return FirebaseMessaging.getInstance(wireMockFirebaseApp);
    }

    /** The send requests WireMock received for one device token, oldest first. */
    public static List<LoggedRequest> requestsTo(String token) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(SEND_PATH))
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token))));
    }

    public static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    /** Polls {@code condition} until it holds, for at most 20 seconds. */
    public static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50); // the polling step of a wait with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }

    /** The default answer: FCM accepts the message (stubs of higher priority refuse chosen ones). */
    public static void acceptEveryPush() {
        SERVER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(SEND_PATH)).atPriority(10)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"name\":\"projects/doorstep-test/messages/0:accepted\"}")));
    }
}
