package dev.doorstep.notifications.devices;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.Constraints;
import dev.doorstep.dispatch.errors.NotFound;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Device tokens of drivers and of customers' tracking pages. A token is one row: registering it again updates that row, and registering it
 * for another driver moves it there (the phone changed hands), so the first driver stops receiving its pushes.
 */
@Component
public class DeviceTokens {

    private final DatabaseClient db;

    DeviceTokens(DatabaseClient db) {
        this.db = db;
    }

    /** Registers {@code registration.token()} for {@code driverId}; idempotent. */
    public Mono<Registration> registerForDriver(String driverId, DeviceRegistration registration) {
        return db.sql("""
                        INSERT INTO device_tokens (token, owner_kind, driver_id, platform, locale)
                        VALUES (:token, 'DRIVER', :driver, :platform, :locale)
                        ON CONFLICT (token) DO UPDATE SET owner_kind = 'DRIVER', driver_id = EXCLUDED.driver_id,
                        tracking_id = NULL, platform = EXCLUDED.platform, locale = EXCLUDED.locale, updated_at = now()
                        RETURNING token, platform, locale, driver_id, (xmax = 0) AS created""")
                .bind("token", registration.token())
                .bind("driver", driverId)
                .bind("platform", registration.platform().name())
                .bind("locale", registration.locale() == null ? "en" : registration.locale())
                .map(row -> new Registration(device(row), Boolean.TRUE.equals(row.get("created", Boolean.class))))
                .one()
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "device_tokens_driver_id_fkey") ? new NotFound("driver", driverId) : e);
    }

    /**
     * Registers a customer's web push token for the package whose tracking page it came from; idempotent, and
     * moves a customer token to this package. A driver's token is never taken over ({@link Conflict}).
     */
    public Mono<Registration> registerCustomer(String trackingId, String token, String locale) {
        return db.sql("""
                        INSERT INTO device_tokens (token, owner_kind, tracking_id, platform, locale)
                        VALUES (:token, 'CUSTOMER', :package, 'WEB', :locale)
                        ON CONFLICT (token) DO UPDATE SET tracking_id = EXCLUDED.tracking_id, platform = 'WEB',
                        locale = EXCLUDED.locale, updated_at = now() WHERE device_tokens.owner_kind = 'CUSTOMER'
                        RETURNING token, platform, locale, driver_id, (xmax = 0) AS created""")
                .bind("token", token)
                .bind("package", trackingId)
                .bind("locale", locale == null ? "en" : locale)
                .map(row -> new Registration(device(row), Boolean.TRUE.equals(row.get("created", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new Conflict("TOKEN_TAKEN",
                        "This push token is registered to a driver's app")));
    }

    /** Removes the driver's own token; another driver's token or an unknown one is {@link NotFound}. */
    public Mono<Void> unregisterForDriver(String driverId, String token) {
        return db.sql("DELETE FROM device_tokens WHERE token = :token AND driver_id = :driver")
                .bind("token", token)
                .bind("driver", driverId)
                .fetch().rowsUpdated()
                .flatMap(deleted -> deleted == 0 ? Mono.error(new NotFound("device token", token)) : Mono.empty());
    }

    /** The tokens of these drivers. */
    public Flux<DeviceToken> ofDrivers(Collection<String> driverIds) {
        if (driverIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT token, platform, locale, driver_id FROM device_tokens WHERE driver_id = ANY(:drivers)")
                .bind("drivers", driverIds.toArray(String[]::new))
                .map(DeviceTokens::device)
                .all();
    }

    /** Forgets a token FCM reported as no longer valid, whoever owns it. */
    public Mono<Void> forget(String token) {
        return db.sql("DELETE FROM device_tokens WHERE token = :token").bind("token", token).then();
    }

    private static DeviceToken device(Readable row) {
        return new DeviceToken(row.get("token", String.class), Platform.valueOf(row.get("platform", String.class)),
                row.get("locale", String.class), row.get("driver_id", String.class));
    }
}
