package dev.doorstep.dispatch.fleet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record DspDraft(@NotBlank @Size(max = 200) String name) {
}
