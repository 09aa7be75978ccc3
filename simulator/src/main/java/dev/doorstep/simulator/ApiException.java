package dev.doorstep.simulator;

/** An answer outside 2xx, or no answer at all (status 0). */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(String request, int status, String body) {
        super(request + " answered " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
