package dev.doorstep.dispatch.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Blobs as files under {@code doorstep.dispatch.delivery.blob-dir}; file I/O stays off the event loop. */
@Component
class LocalBlobStore implements BlobStore {

    private final Path root;

    LocalBlobStore(DeliverySettings settings) {
        this.root = settings.blobDir().toAbsolutePath().normalize();
    }

    @Override
    public Mono<Void> put(String key, byte[] bytes) {
        return Mono.<Void>fromRunnable(() -> write(file(key), bytes)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<byte[]> get(String key) {
        return Mono.fromCallable(() -> {
            try {
                return Files.readAllBytes(file(key));
            } catch (NoSuchFileException e) {
                return null;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || !key.matches("[a-z]+/[0-9a-f]{64}\\.[a-z]+")) {
            throw new IllegalArgumentException("Not a blob key: " + key);
        }
        return file;
    }

    /** Written to a temporary name then moved, so that a reader never sees half a blob. */
    private static void write(Path file, byte[] bytes) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), ".partial-", ".tmp");
            try {
                Files.write(partial, bytes);
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, file);
                }
            } catch (FileAlreadyExistsException e) {
                // Another request stored the same content meanwhile.
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
