package dev.doorstep.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/** Secrets the app makes once and keeps in its data directory (readable by the owner only). Start-up use only. */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** The file's text; when there is no file yet, {@code create}'s text, written atomically first. */
    public static String readOrCreate(Path file, Callable<String> create) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        String text;
        try {
            text = create.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the key of " + file, e);
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's own protection applies
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return text;
    }
}
