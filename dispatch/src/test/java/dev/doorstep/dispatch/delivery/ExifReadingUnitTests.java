package dev.doorstep.dispatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ExifReadingUnitTests {

    @Test
    void aCameraClockOfAnOrdinaryYearIsTheCaptureTime() throws Exception {
        assertThat(ExifReading.of(jpegTakenAt("2026:11:24 09:30:00")).time())
                .isEqualTo(OffsetDateTime.of(2026, 11, 24, 9, 30, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void aCameraClockClaimingYear999999IsNoTimeRatherThanAnUnstorableOne() throws Exception {
        assertThat(ExifReading.of(jpegTakenAt("999999:12:31 23:59:59")).time()).isNull();
    }

    @Test
    void aCameraClockBeforeNineteenSeventyIsNoTime() throws Exception {
        assertThat(ExifReading.of(jpegTakenAt("0001:01:01 00:00:00")).time()).isNull();
    }

    @Test
    void aGpsDateOfYear99999IsNoTime() throws Exception {
        assertThat(ExifReading.of(jpegWithGpsDate("99999:99:99")).time()).isNull();
        assertThat(ExifReading.of(jpegWithGpsDate("2026:11:24")).time())
                .isEqualTo(OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC));
    }

    /** A JPEG whose GPS IFD holds GPSTimeStamp 12:00:00 and GPSDateStamp (0x1D) = {@code date}. */
    private static byte[] jpegWithGpsDate(String date) throws Exception {
        byte[] text = (date + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(80 + text.length);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: GPSInfo (0x8825) pointing at the GPS IFD at 26.
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        // GPS IFD at 26: GPSTimeStamp (3 rationals at 56) and GPSDateStamp (text at 80).
        tiff.putShort((short) 2).putShort((short) 0x0007).putShort((short) 5).putInt(3).putInt(56)
                .putShort((short) 0x001d).putShort((short) 2).putInt(text.length).putInt(80).putInt(0);
        tiff.putInt(12).putInt(1).putInt(0).putInt(1).putInt(0).putInt(1);
        tiff.put(text);
        return withExif(tiff.array());
    }

    /** A JPEG whose Exif sub-IFD holds DateTimeOriginal (0x9003) = {@code when}. */
    private static byte[] jpegTakenAt(String when) throws Exception {
        byte[] text = (when + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(64 + text.length);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: one entry, ExifIFD (0x8769, LONG) pointing at the sub-IFD at 26.
        tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        // Exif sub-IFD at 26: one entry, DateTimeOriginal (ASCII) whose text is at 44.
        tiff.putShort((short) 1).putShort((short) 0x9003).putShort((short) 2).putInt(text.length).putInt(44).putInt(0);
        tiff.put(text);
        return withExif(tiff.array());
    }

    private static byte[] withExif(byte[] tiff) throws Exception {
        byte[] exif = ByteBuffer.allocate(6 + tiff.length).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(tiff).array();
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", image);
        byte[] plain = image.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)});
        out.writeBytes(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }
}
