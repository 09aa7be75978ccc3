package dev.doorstep.dispatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.errors.Unsupported;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageHeaderUnitTests {

    @Test
    void typeAndSizeComeFromTheBytes() throws Exception {
        assertThat(ImageHeader.read(image("jpeg", 320, 200))).isEqualTo(new ImageHeader("image/jpeg", 320, 200));
        assertThat(ImageHeader.read(image("png", 31, 17))).isEqualTo(new ImageHeader("image/png", 31, 17));
    }

    @Test
    void aPngDeclaringFiftyThousandPixelsASideIsMeasuredWithoutDecoding() throws Exception {
        byte[] png = image("png", 8, 8);
        ByteBuffer.wrap(png).putInt(16, 50_000).putInt(20, 50_000);
        assertThat(ImageHeader.read(png)).isEqualTo(new ImageHeader("image/png", 50_000, 50_000));
    }

    @Test
    void htmlInAJpegCommentOrAfterTheEndIsRefused() throws Exception {
        byte[] jpeg = image("jpeg", 16, 16);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream commented = new ByteArrayOutputStream();
        commented.write(jpeg, 0, 2);
        commented.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) (html.length + 2)});
        commented.writeBytes(html);
        commented.write(jpeg, 2, jpeg.length - 2);
        assertThatThrownBy(() -> ImageHeader.read(commented.toByteArray())).isInstanceOf(Unsupported.class)
                .hasMessageContaining("HTML");
        assertThatThrownBy(() -> ImageHeader.read(concat(jpeg, html))).isInstanceOf(Unsupported.class)
                .hasMessageContaining("after the end");
    }

    @Test
    void zeroPaddingAfterTheEndIsAccepted() throws Exception {
        assertThat(ImageHeader.read(concat(image("jpeg", 16, 16), new byte[64])).width()).isEqualTo(16);
    }

    @Test
    void textAndTruncatedImagesAreRefused() throws Exception {
        assertThatThrownBy(() -> ImageHeader.read("GIF89a or text".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Unsupported.class);
        byte[] jpeg = image("jpeg", 64, 64);
        assertThatThrownBy(() -> ImageHeader.read(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .isInstanceOf(Unsupported.class);
        byte[] png = image("png", 64, 64);
        assertThatThrownBy(() -> ImageHeader.read(Arrays.copyOf(png, png.length - 12)))
                .isInstanceOf(Unsupported.class);
    }

    @Test
    void aPngTextChunkInflatingToSixtyFourMegabytesIsRefusedBeforeAnyReaderInflatesIt() throws Exception {
        byte[] bomb = withChunkAfterHeader(image("png", 16, 16), "zTXt",
                concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros(64 << 20)));
        assertThatThrownBy(() -> ImageHeader.read(bomb)).isInstanceOf(Unsupported.class).hasMessageContaining("zTXt");
    }

    @Test
    void aCompressedInternationalTextChunkIsBoundedToo() throws Exception {
        byte[] header = "Comment\0\1\0en\0Kommentar\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bomb = withChunkAfterHeader(image("png", 16, 16), "iTXt", concat(header, zeros(64 << 20)));
        assertThatThrownBy(() -> ImageHeader.read(bomb)).isInstanceOf(Unsupported.class).hasMessageContaining("iTXt");
    }

    @Test
    void aColourProfileInflatingToSixHundredMegabytesIsRefused() throws Exception {
        byte[] bomb = withChunkAfterHeader(image("png", 16, 16), "iCCP",
                concat("ICC profile\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros(600 << 20)));
        assertThatThrownBy(() -> ImageHeader.read(bomb)).isInstanceOf(Unsupported.class).hasMessageContaining("iCCP");
    }

    @Test
    void manyTextChunksEachUnderItsLimitAreRefusedOnceTheyAddUpPastTheImagesBudget() throws Exception {
        byte[] png = image("png", 16, 16);
        byte[] chunk = concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros(250_000));
        for (int i = 0; i < 25; i++) {
            png = withChunkAfterHeader(png, "zTXt", chunk);
        }
        byte[] many = png;
        assertThatThrownBy(() -> ImageHeader.read(many)).isInstanceOf(Unsupported.class).hasMessageContaining("in all");
    }

    @Test
    void smallCompressedTextAndProfilesAreAccepted() throws Exception {
        byte[] png = withChunkAfterHeader(image("png", 16, 16), "zTXt",
                concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros(10_000)));
        byte[] profiled = withChunkAfterHeader(png, "iCCP",
                concat("ICC profile\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros(500_000)));
        assertThat(ImageHeader.read(profiled)).isEqualTo(new ImageHeader("image/png", 16, 16));
    }

    /** zlib data that inflates to {@code size} zero bytes (about a thousandth of that compressed). */
    static byte[] zeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (int left = size; left > 0; left -= block.length) {
            deflater.setInput(block, 0, Math.min(block.length, left));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** The PNG with one more chunk right after IHDR (which always ends at byte 33). */
    static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] image(String format, int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
