package dev.doorstep.dispatch.dispatchers;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record DispatcherDraft(
        @NotNull @Pattern(regexp = Passwords.USERNAME,
                message = "must be 3 to 100 lowercase letters, digits or . _ - @") String username,
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH,
                message = "must be 12 to 72 characters") String password,
        @NotBlank @Size(max = 200) String name) {
}
