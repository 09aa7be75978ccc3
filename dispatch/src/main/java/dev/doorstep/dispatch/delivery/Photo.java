package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.OffsetDateTime;

/** A stored proof image: the original's hash, type and size, and what its EXIF said. */
public record Photo(int n, String kind, String sha256, String contentType, long sizeBytes, int widthPx, int heightPx,
        GeoPoint exifPosition, OffsetDateTime exifTime) {
}
