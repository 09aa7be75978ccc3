package dev.doorstep.dispatch.dispatchers;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What station ops may change of an account; absent (null) fields stay as they are. */
public record DispatcherChange(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH,
                message = "must be 12 to 72 characters") String password,
        Boolean active) {
}
