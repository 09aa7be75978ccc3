package dev.doorstep.api.driver;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Date;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The real Firebase Admin SDK, with every HTTP connection it opens (FCM's {@code messages:send} on
 * fcm.googleapis.com) sent to one WireMock server on loopback, and a fixed access token: nothing reaches Google.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WireMockFcm {

    public static final String PROJECT = "doorstep-test";
    public static final String SEND_PATH = "/v1/projects/" + PROJECT + "/messages:send";
    public static final WireMockServer SERVER = started();

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
}
