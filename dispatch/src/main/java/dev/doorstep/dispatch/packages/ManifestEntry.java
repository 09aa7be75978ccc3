package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.FieldError;
import java.util.List;

/**
 * One position of a manifest batch: a draft, or the errors that kept the line from being read at all
 * (wrong JSON types), so that one unreadable line never fails the others.
 */
public record ManifestEntry(PackageDraft draft, List<FieldError> readErrors) {

    public static ManifestEntry of(PackageDraft draft) {
        return new ManifestEntry(draft, List.of());
    }

    public static ManifestEntry unreadable(List<FieldError> errors) {
        return new ManifestEntry(null, List.copyOf(errors));
    }
}
