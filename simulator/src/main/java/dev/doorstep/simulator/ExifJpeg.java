package dev.doorstep.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * A door photo as a phone writes it: a JPEG whose APP1 Exif segment holds the GPS position and the local time it
 * was taken (DateTimeOriginal). The Exif bytes are written by hand (as the api tests' TestImages does), so the
 * simulator needs no imaging library.
 */
public final class ExifJpeg {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final byte[] PLAIN = picture(160, 120);

    private ExifJpeg() {
    }

    public static byte[] photo(double lat, double lon, ZonedDateTime takenAt) {
        ByteBuffer tiff = ByteBuffer.allocate(178);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: the Exif IFD (at 38) and the GPS IFD (at 56).
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(38);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(56);
        tiff.putInt(0);
        // Exif IFD at 38: DateTimeOriginal, 20 ASCII bytes at 158.
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x9003).putShort((short) 2).putInt(20).putInt(158);
        tiff.putInt(0);
        // GPS IFD at 56: latitude ref and value (rationals at 110), longitude ref and value (at 134).
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {(byte) (lat >= 0 ? 'N' : 'S'), 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(110);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {(byte) (lon >= 0 ? 'E' : 'W'), 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(134);
        tiff.putInt(0);
        rationals(tiff, Math.abs(lat));
        rationals(tiff, Math.abs(lon));
        tiff.put((EXIF_TIME.format(takenAt) + "\0").getBytes(StandardCharsets.US_ASCII));
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        byte[] segment = concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) ((exif.length + 2) >> 8),
                (byte) (exif.length + 2)}, exif);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PLAIN, 0, 2);
        out.writeBytes(segment);
        out.write(PLAIN, 2, PLAIN.length - 2);
        return out.toByteArray();
    }

    private static void rationals(ByteBuffer tiff, double degrees) {
        int whole = (int) degrees;
        double minutes = (degrees - whole) * 60;
        int wholeMinutes = (int) minutes;
        long seconds = Math.round((minutes - wholeMinutes) * 60 * 10_000);
        tiff.putInt(whole).putInt(1).putInt(wholeMinutes).putInt(1).putInt((int) seconds).putInt(10_000);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 90, 60));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(200, 170, 120));
        g.fillRect(width / 3, height / 4, width / 3, height * 3 / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
