package dev.doorstep.dispatch.delivery;

/** Why a package could not be delivered. */
public enum AttemptReason {
    NO_ACCESS, CUSTOMER_UNAVAILABLE, UNSAFE_LOCATION, BUSINESS_CLOSED, DAMAGED, WRONG_ADDRESS, REFUSED,
    NO_SAFE_PLACE, OUT_OF_TIME, OTHER;

    /** After these the package goes back to the shipper at once, whatever the attempt count. */
    public boolean endsDelivery() {
        return this == REFUSED || this == WRONG_ADDRESS;
    }
}
