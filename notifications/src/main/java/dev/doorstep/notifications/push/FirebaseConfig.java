package dev.doorstep.notifications.push;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import dev.doorstep.dispatch.ids.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
            FirebaseOptions options = FirebaseOptions.builder().setCredentials(GoogleCredentials.fromStream(in)).build();
            // A name of its own: several application contexts may share one JVM (tests, two nodes).
            return FirebaseApp.initializeApp(options, Ids.next("doorstep"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account " + settings.credentialsFile(), e);
        }
    }

    @Bean
    @ConditionalOnExpression("!'${doorstep.notifications.fcm.credentials-file:}'.isBlank()")
    FirebaseMessaging firebaseMessaging(FirebaseApp app) {
        return FirebaseMessaging.getInstance(app);
    }
}
