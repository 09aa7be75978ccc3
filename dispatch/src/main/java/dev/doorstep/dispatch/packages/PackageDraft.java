package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.geo.GeoPoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** One line of a shipper's manifest; {@code shipperName} (optional) is shown to the customer on the tracking page. */
public record PackageDraft(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{4,40}", message = "must be 4 to 40 letters, digits, - or _")
        String trackingId,
        @NotBlank @Size(max = 200) String recipientName,
        @NotBlank @Size(max = 500) String address,
        @NotNull @Valid GeoPoint location,
        @NotNull @Valid DeliveryWindow window,
        @NotNull @Positive @DecimalMax("150") Double weightKg,
        @NotNull @Positive @DecimalMax("500") Double lengthCm,
        @NotNull @Positive @DecimalMax("500") Double widthCm,
        @NotNull @Positive @DecimalMax("500") Double heightCm,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or es-MX")
        String locale,
        @Size(min = 1, max = 200) String shipperName) {
}
