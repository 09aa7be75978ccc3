package dev.doorstep.dispatch.geo;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * A GeoJSON Polygon as it travels on the wire: rings of {@code [lon, lat]} positions, the first
 * ring the outer boundary. {@link Geofences#parse} checks that it is a real polygon.
 */
public record GeoJsonPolygon(
        @NotNull @Pattern(regexp = "Polygon", message = "must be \"Polygon\"") String type,
        @NotNull @NotEmpty List<List<List<Double>>> coordinates) {
}
