package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.Rejected;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The photo rules: type from the bytes, size checked from the header before any decoding, EXIF read, and a
 * metadata-free customer copy made. CPU work: callers run it off the event loop.
 */
@Component
class Photos {

    private final DeliverySettings settings;

    Photos(DeliverySettings settings) {
        this.settings = settings;
    }

    InspectedPhoto inspect(PhotoUpload upload) {
        ImageHeader header = ImageHeader.read(upload.bytes());
        if (header.width() > settings.maxPhotoPixels() || header.height() > settings.maxPhotoPixels()) {
            throw new Rejected("IMAGE_TOO_LARGE", "The photo declares " + header.width() + " x " + header.height()
                    + " pixels; at most " + settings.maxPhotoPixels() + " a side are taken");
        }
        byte[] customer = CustomerCopy.of(upload.bytes(), header, settings.customerCopyMaxPixels());
        return new InspectedPhoto(upload, header, sha256(upload.bytes()), ExifReading.of(upload.bytes()), customer,
                sha256(customer));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
