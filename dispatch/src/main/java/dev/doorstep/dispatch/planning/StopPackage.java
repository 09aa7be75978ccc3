package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.packages.DeliveryWindow;

/** A package to hand over at a stop: who to, its size and weight, its own window, its status, ops' note. */
public record StopPackage(String trackingId, String recipientName, double weightKg, double lengthCm, double widthCm,
        double heightCm, DeliveryWindow window, String status, String note) {
}
