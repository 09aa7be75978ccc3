package dev.doorstep.dispatch.delivery;

import java.util.List;

/** A checked upload about to be written. */
record NewDelivery(String id, StopRow stop, String driverId, String idempotencyKey, String fingerprint,
        DeliveryDraft draft, List<Flag> flags, List<InspectedPhoto> photos) {
}
