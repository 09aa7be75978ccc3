package dev.doorstep.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ExifJpegTests {

    @Test
    void thePhotoIsAJpegWhoseExifHoldsThePositionAndTheLocalTimeItWasTaken() throws Exception {
        ZonedDateTime takenAt = ZonedDateTime.of(2030, 6, 1, 14, 5, 9, 0, ZoneId.of("America/Los_Angeles"));
        byte[] photo = ExifJpeg.photo(47.6097, -122.3331, takenAt);

        assertThat(ImageIO.read(new ByteArrayInputStream(photo))).isNotNull();
        assertThat(photo[2] & 0xff).isEqualTo(0xff);
        assertThat(photo[3] & 0xff).isEqualTo(0xe1);
        int tiff = 4 + 2 + 6;  // marker, length, "Exif\0\0"
        ByteBuffer exif = ByteBuffer.wrap(photo, tiff, photo.length - tiff).slice();
        assertThat(new String(photo, tiff + 158, 19, StandardCharsets.US_ASCII)).isEqualTo("2030:06:01 14:05:09");
        assertThat((char) exif.get(56 + 2 + 8)).isEqualTo('N');
        assertThat((char) exif.get(56 + 2 + 24 + 8)).isEqualTo('W');
        assertThat(degrees(exif, 110)).isCloseTo(47.6097, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(degrees(exif, 134)).isCloseTo(122.3331, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static double degrees(ByteBuffer exif, int at) {
        double d = (double) exif.getInt(at) / exif.getInt(at + 4);
        double m = (double) exif.getInt(at + 8) / exif.getInt(at + 12);
        double s = (double) exif.getInt(at + 16) / exif.getInt(at + 20);
        return d + m / 60 + s / 3600;
    }
}
