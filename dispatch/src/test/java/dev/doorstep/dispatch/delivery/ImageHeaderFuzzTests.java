package dev.doorstep.dispatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.doorstep.dispatch.errors.Unsupported;

/**
 * Whatever bytes a phone uploads as a photo, reading its header either measures it or refuses it as unsupported
 * (a 415 problem), and reading its EXIF never fails: no other exception, no endless loop. Seeds under
 * src/test/resources/dev/doorstep/dispatch/delivery/ImageHeaderFuzzTestsInputs.
 */
class ImageHeaderFuzzTests {

    @FuzzTest(maxDuration = "60s", maxExecutions = 1_000_000)
    void anyBytesAreMeasuredOrRefusedAsUnsupported(byte[] upload) {
        ImageHeader header;
        try {
            header = ImageHeader.read(upload);
        } catch (Unsupported refused) {
            return;
        }
        assertThat(header.contentType()).isIn("image/jpeg", "image/png");
        assertThat(header.width()).isNotNegative();
        assertThat(header.height()).isNotNegative();
    }

    @FuzzTest(maxDuration = "60s", maxExecutions = 200_000)
    void anyBytesGiveAnExifReadingOrNone(byte[] upload) {
        ExifReading reading = ExifReading.of(upload);
        if (reading.position() != null) {
            assertThat(Math.abs(reading.position().lat())).isLessThanOrEqualTo(90);
            assertThat(Math.abs(reading.position().lon())).isLessThanOrEqualTo(180);
        }
    }
}
