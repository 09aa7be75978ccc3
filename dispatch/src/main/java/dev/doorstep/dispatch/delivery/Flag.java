package dev.doorstep.dispatch.delivery;

/** Doubts about an attempt that do not refuse it (drivers' GPS is often off); they count in the DSP scorecard. */
public enum Flag {
    /** The phone's position was farther than the setting from the stop. */
    PHONE_FAR_FROM_STOP,
    /** The attempt came without a phone position. */
    NO_PHONE_POSITION,
    /** A photo's EXIF position was farther than the setting from the stop. */
    PHOTO_FAR_FROM_STOP,
    /** The attempt was captured longer than the setting before it was uploaded. */
    LATE_UPLOAD
}
