package dev.doorstep.dispatch.delivery;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.time.StorableTimes;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/** The position and time a photo's EXIF claims (metadata-extractor); either may be absent. */
record ExifReading(GeoPoint position, OffsetDateTime time) {

    static final ExifReading NONE = new ExifReading(null, null);

    static ExifReading of(byte[] bytes) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (Exception e) {
            // Unreadable metadata refuses nothing: the image itself was checked already.
            return NONE;
        }
        GeoPoint position = null;
        Date time = null;
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps != null) {
            GeoLocation location = gps.getGeoLocation();
            if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
                    && Math.abs(location.getLongitude()) <= 180) {
                position = new GeoPoint(location.getLatitude(), location.getLongitude());
            }
            time = gps.getGpsDate();
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (time == null && exif != null) {
            // Without an offset tag the camera's local time is read as UTC; the GPS time, when present, is UTC.
            time = exif.getDateOriginal();
        }
        // A camera's clock may claim any year (999999:12:31); outside the stored range it is no time at all.
        if (time != null && !StorableTimes.accepts(time.toInstant())) {
            time = null;
        }
        return new ExifReading(position, time == null ? null : time.toInstant().atOffset(ZoneOffset.UTC));
    }
}
