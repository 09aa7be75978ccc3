package dev.doorstep.api.web;

import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hibernate Validator reads its message bundles from jars the first time a constraint fails. Failing a
 * few constraints once at start-up keeps that file read off the event loop of the first bad request.
 */
@Component
class ValidatorPreload {

    private final Validator validator;

    ValidatorPreload(Validator validator) {
        this.validator = validator;
    }

    record Everything(@NotNull Object a, @NotBlank String b, @Size(max = 1) String c, @Pattern(regexp = "x") String d,
            @DecimalMax("0") Double e, @Min(1) Integer f, @Positive Double g) {
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadMessageBundles() {
        validator.validate(new Everything(null, "", "long", "y", 1.0, 0, -1.0));
    }
}
