package dev.doorstep.dispatch.errors;

/** Recognises which database constraint a failed write violated, so it can become a domain error. */
public final class Constraints {

    private Constraints() {
    }

    public static boolean violated(Throwable error, String constraint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
