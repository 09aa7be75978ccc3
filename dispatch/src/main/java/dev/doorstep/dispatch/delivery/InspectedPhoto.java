package dev.doorstep.dispatch.delivery;

/** An accepted upload with what was learnt from it, ready to store. */
record InspectedPhoto(PhotoUpload upload, ImageHeader header, String sha256, ExifReading exif, byte[] customerCopy,
        String customerSha256) {

    String originalKey() {
        return "originals/" + sha256 + (header.contentType().equals("image/png") ? ".png" : ".jpg");
    }

    String customerKey() {
        return "customer/" + customerSha256 + ".jpg";
    }
}
