package dev.doorstep.dispatch.errors;

/** The object does not exist, or the caller may not know that it does. */
public final class NotFound extends DomainError {

    private final String kind;
    private final String id;

    public NotFound(String kind, String id) {
        super(kind + " " + id + " was not found");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
