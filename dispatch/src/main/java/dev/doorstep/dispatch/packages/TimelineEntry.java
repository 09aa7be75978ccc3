package dev.doorstep.dispatch.packages;

import java.time.OffsetDateTime;

public record TimelineEntry(OffsetDateTime at, PackageStatus status, String detail) {
}
