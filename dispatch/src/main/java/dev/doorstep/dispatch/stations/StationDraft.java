package dev.doorstep.dispatch.stations;

import dev.doorstep.dispatch.geo.GeoJsonPolygon;
import dev.doorstep.dispatch.geo.GeoPoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a station is created or replaced with. */
public record StationDraft(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 500) String address,
        @NotNull @Valid GeoPoint location,
        @NotBlank String timeZone,
        @NotNull @Valid GeoJsonPolygon geofence) {
}
