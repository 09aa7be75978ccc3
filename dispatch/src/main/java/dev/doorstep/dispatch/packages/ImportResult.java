package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.FieldError;
import java.util.List;

/** The outcome for the package at {@code index} of the batch. */
public record ImportResult(int index, String trackingId, ImportOutcome outcome, List<FieldError> errors) {
}
