package dev.doorstep.dispatch.events;

/**
 * The events dispatch publishes through the outbox, one record each. Each record's {@link
 * dev.doorstep.dispatch.outbox.EventType} is its stable name on the outbox and the stream: renaming a record does
 * not change it, so rows written before still decode.
 */
public sealed interface DispatchEvent permits BlockOffered, BlockClaimed, BlockForfeited, BlockCancelled, BlockNoShow,
        PlanPublished, PlanReplanned, RouteAssigned, RouteStarted, StopArrived, RouteFinished, RouteResequenced, RouteUnassigned,
        PackageDelivered, PackageAttempted, PackagePickedUp, PackageReturned, PackageReturnToSender, PackageMissing {
}
