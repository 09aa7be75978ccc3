package dev.doorstep.dispatch.delivery;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Proof-of-delivery settings ({@code doorstep.dispatch.delivery.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.dispatch.delivery")
public record DeliverySettings(double flagDistanceMeters, Duration lateUploadAfter, int maxPhotoBytes,
        int maxPhotoPixels, int customerCopyMaxPixels, Path blobDir) {
}
