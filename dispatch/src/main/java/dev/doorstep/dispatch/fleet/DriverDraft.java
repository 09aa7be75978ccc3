package dev.doorstep.dispatch.fleet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record DriverDraft(
        @NotBlank @Size(max = 200) String name,
        /** Required; a dispatcher's request may leave it out (DSP). */
        DriverKind kind,
        String dspId,
        @NotBlank String homeStationId,
        @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +12065550100")
        String phone,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or es-MX")
        String locale) {
}
