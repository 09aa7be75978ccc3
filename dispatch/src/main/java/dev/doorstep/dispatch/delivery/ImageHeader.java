package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.Unsupported;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What an image says about itself before any decoding: its type from the magic number, its declared size, and
 * whether its structure ends where the format ends. Metadata segments and anything after the end are searched
 * for HTML, so that a polyglot (a file that is both an image and a web page) is refused; compressed pixel data is
 * not searched, as it may hold any bytes.
 */
record ImageHeader(String contentType, int width, int height) {

    /** Inflated size allowed for one compressed PNG text chunk (zTXt, iTXt); phones write a few hundred bytes. */
    static final long MAX_TEXT_BYTES = 256 * 1024;
    /** Inflated size allowed for an embedded colour profile (iCCP); real ones are a few kilobytes to ~1 MB. */
    static final long MAX_PROFILE_BYTES = 4 * 1024 * 1024;
    /** Inflated size allowed for all compressed chunks of one image together: many small ones add up. */
    static final long MAX_INFLATED_BYTES = MAX_PROFILE_BYTES + 1024 * 1024;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final List<String> HTML = List.of("<!doctype", "<html", "<head", "<body", "<script", "<iframe",
            "<svg", "<object", "<embed", "<?php");

    static ImageHeader read(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return jpeg(bytes);
        }
        if (bytes.length > PNG.length + 25 && java.util.Arrays.equals(bytes, 0, PNG.length, PNG, 0, PNG.length)) {
            return png(bytes);
        }
        throw new Unsupported("The photo is neither a JPEG nor a PNG image");
    }

    private static ImageHeader jpeg(byte[] b) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int width = 0;
        int height = 0;
        int i = 2;
        while (true) {
            if (i + 1 >= b.length || (b[i] & 0xff) != 0xff) {
                throw broken("JPEG");
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd9) {
                i += 2;
                break;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                i += 2;
                continue;
            }
            if (i + 3 >= b.length) {
                throw broken("JPEG");
            }
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            int end = i + 2 + length;
            if (length < 2 || end > b.length) {
                throw broken("JPEG");
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame && length >= 7) {
                height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
            }
            text.write(b, i + 4, length - 2);
            i = marker == 0xda ? afterScan(b, end) : end;
        }
        return checked("image/jpeg", width, height, b, i, text.toByteArray());
    }

    /** The position of the first marker after entropy-coded data (0xFF followed by neither 0 nor a restart). */
    private static int afterScan(byte[] b, int from) {
        for (int j = from; j + 1 < b.length; j++) {
            int next = b[j + 1] & 0xff;
            if ((b[j] & 0xff) == 0xff && next != 0 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) {
                return j;
            }
        }
        throw broken("JPEG");
    }

    private static ImageHeader png(byte[] b) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int width = 0;
        int height = 0;
        long inflated = 0;
        int i = PNG.length;
        while (true) {
            if (i + 12 > b.length) {
                throw broken("PNG");
            }
            long length = ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8)
                    | (b[i + 3] & 0xff);
            String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > b.length - i - 12L) {
                throw broken("PNG");
            }
            if (i == PNG.length) {
                if (!type.equals("IHDR") || length < 8) {
                    throw broken("PNG");
                }
                width = readInt(b, i + 8);
                height = readInt(b, i + 12);
            }
            if (!type.equals("IDAT")) {
                text.write(b, i + 8, (int) length);
            }
            inflated += boundInflated(type, b, i + 8, i + 8 + (int) length, MAX_INFLATED_BYTES - inflated);
            i += 12 + (int) length;
            if (type.equals("IEND")) {
                break;
            }
        }
        return checked("image/png", width, height, b, i, text.toByteArray());
    }

    /**
     * A compressed text or colour-profile chunk is inflated here, into nothing, up to its limit: the metadata reader
     * and the image decoder inflate it whole into memory, so a few kilobytes could otherwise cost gigabytes.
     */
    private static long boundInflated(String type, byte[] b, int from, int to, long left) {
        long limit = Math.min(left, type.equals("iCCP") ? MAX_PROFILE_BYTES : MAX_TEXT_BYTES);
        int compressed = switch (type) {
            case "zTXt", "iCCP" -> after(b, from, to, 1) + 1;
            case "iTXt" -> {
                int flag = after(b, from, to, 1);
                yield flag < to && b[flag] == 1 ? after(b, flag + 2, to, 2) : -1;
            }
            default -> -1;
        };
        if (compressed < 0 || compressed >= to) {
            return 0;
        }
        long size = inflatedSize(b, compressed, to, limit);
        if (size > limit) {
            throw new Unsupported("The photo's compressed metadata inflates past its limit (" + type + " chunk; "
                    + MAX_TEXT_BYTES + " bytes a text, " + MAX_PROFILE_BYTES + " a profile, " + MAX_INFLATED_BYTES
                    + " in all)");
        }
        return size;
    }

    /** The position just after the {@code count}-th NUL from {@code from}, or {@code to} when there are fewer. */
    private static int after(byte[] b, int from, int to, int count) {
        for (int j = from; j < to; j++) {
            if (b[j] == 0 && --count == 0) {
                return j + 1;
            }
        }
        return to;
    }

    private static long inflatedSize(byte[] b, int from, int to, long limit) {
        Inflater inflater = new Inflater();
        byte[] sink = new byte[8192];
        long total = 0;
        try {
            inflater.setInput(b, from, to - from);
            while (total <= limit && !inflater.finished()) {
                int n = inflater.inflate(sink);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
            }
        } catch (DataFormatException e) {
            // A broken stream costs nothing more to whoever reads it next: they stop where this did.
        } finally {
            inflater.end();
        }
        return total;
    }

    private static ImageHeader checked(String type, int width, int height, byte[] b, int end, byte[] metadata) {
        if (width <= 0 || height <= 0) {
            throw broken(type);
        }
        for (int j = end; j < b.length; j++) {
            if (b[j] != 0) {
                throw new Unsupported("The photo has data after the end of the image");
            }
        }
        String lower = new String(metadata, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String tag : HTML) {
            if (lower.contains(tag)) {
                throw new Unsupported("The photo carries HTML or script in its metadata");
            }
        }
        return new ImageHeader(type, width, height);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static Unsupported broken(String format) {
        return new Unsupported("The photo is not a well-formed " + format + " image");
    }
}
