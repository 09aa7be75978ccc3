package dev.doorstep.dispatch.fleet;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The editable fields of a driver; absent (null) fields stay as they are. An inactive driver gets no route. */
public record DriverChange(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +12065550100")
        String phone,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or es-MX")
        String locale,
        Boolean active) {
}
