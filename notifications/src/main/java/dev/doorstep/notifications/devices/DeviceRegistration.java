package dev.doorstep.notifications.devices;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the driver app sends to register its FCM token. */
public record DeviceRegistration(
        @NotBlank @Size(max = 4096) String token,
        @NotNull Platform platform,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or es-MX")
        String locale) {
}
