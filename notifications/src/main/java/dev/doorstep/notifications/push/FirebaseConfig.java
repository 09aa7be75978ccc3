package dev.doorstep.notifications.push;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.messaging.FirebaseMessaging;
import dev.doorstep.dispatch.ids.Ids;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Firebase Admin SDK, when a service account file is configured (read once, at start-up). */
@Configuration(proxyBeanMethods = false)
class FirebaseConfig {

    @Bean(destroyMethod = "delete")
    @ConditionalOnExpression("!'${doorstep.notifications.fcm.credentials-file:}'.isBlank()")
    FirebaseApp firebaseApp(FcmSettings settings) {
        try (InputStream in = Files.newInputStream(Path.of(settings.credentialsFile()))) {
            FirebaseOptions.Builder options = FirebaseOptions.builder();
            if (settings.endpointOverride() != null && !settings.endpointOverride().isBlank()) {
                HttpTransport transport = overridden(URI.create(settings.endpointOverride()));
                options.setHttpTransport(transport).setCredentials(GoogleCredentials.fromStream(in, () -> transport));
            } else {
                options.setCredentials(GoogleCredentials.fromStream(in));
            }
            // A name of its own: several application contexts may share one JVM (tests, two nodes).
            return FirebaseApp.initializeApp(options.build(), Ids.next("doorstep"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account " + settings.credentialsFile(), e);
        }
    }

    /**
     * The SDK's own transport (Apache HttpClient 5, pooled, HTTP/2 where the server offers it: what it uses against
     * Google), with every request routed to {@code base} instead of the host it named; its path and query are kept.
     * Not {@code NetHttpTransport}: HttpURLConnection keeps at most 5 idle connections a host, so under load most
     * pushes opened a connection of their own.
     */
    private static HttpTransport overridden(URI base) {
        HttpHost to = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        return new ApacheHttp2Transport(ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setRoutePlanner((target, context) -> new HttpRoute(to))
                .build());
    }

    @Bean
    @ConditionalOnExpression("!'${doorstep.notifications.fcm.credentials-file:}'.isBlank()")
    FirebaseMessaging firebaseMessaging(FirebaseApp app) {
        return FirebaseMessaging.getInstance(app);
    }
}
