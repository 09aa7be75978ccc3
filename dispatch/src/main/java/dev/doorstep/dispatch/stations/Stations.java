package dev.doorstep.dispatch.stations;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.geo.Geofences;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import io.r2dbc.spi.Readable;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.locationtech.jts.geom.Polygon;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The station registry: create, read, list and replace stations. */
@Component
public class Stations {

    private static final String COLUMNS = "id, name, address, lat, lon, time_zone, geofence_wkt";

    private final DatabaseClient db;

    Stations(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Station> create(StationDraft draft) {
        Polygon geofence = checked(draft);
        String id = Ids.next("st");
        return bind(db.sql("""
                        INSERT INTO stations (id, name, address, lat, lon, time_zone, geofence_wkt)
                        VALUES (:id, :name, :address, :lat, :lon, :zone, :wkt)"""), id, draft, geofence)
                .then()
                .then(get(id));
    }

    public Mono<Station> replace(String id, StationDraft draft) {
        Polygon geofence = checked(draft);
        return bind(db.sql("""
                        UPDATE stations SET name = :name, address = :address, lat = :lat, lon = :lon,
                        time_zone = :zone, geofence_wkt = :wkt, version = version + 1, updated_at = now()
                        WHERE id = :id"""), id, draft, geofence)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.error(new NotFound("station", id)) : get(id));
    }

    public Mono<Station> get(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM stations WHERE id = :id")
                .bind("id", id)
                .map(Stations::station)
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFound("station", id)));
    }

    public Mono<Page<Station>> list(PageRequest page) {
        return db.sql("SELECT " + COLUMNS + " FROM stations WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", page.after())
                .bind("limit", page.limit() + 1)
                .map(Stations::station)
                .all()
                .collectList()
                .map(rows -> Page.of(rows, page, Station::id));
    }

    private static Polygon checked(StationDraft draft) {
        try {
            ZoneId.of(draft.timeZone());
        } catch (DateTimeException e) {
            throw InvalidInput.of("timeZone", "is not an IANA time zone such as America/Los_Angeles");
        }
        return Geofences.parse(draft.geofence(), "geofence");
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec sql, String id,
            StationDraft draft, Polygon geofence) {
        return sql.bind("id", id)
                .bind("name", draft.name())
                .bind("address", draft.address())
                .bind("lat", draft.location().lat())
                .bind("lon", draft.location().lon())
                .bind("zone", draft.timeZone())
                .bind("wkt", Geofences.toWkt(geofence));
    }

    private static Station station(Readable row) {
        return new Station(
                row.get("id", String.class),
                row.get("name", String.class),
                row.get("address", String.class),
                new GeoPoint(row.get("lat", Double.class), row.get("lon", Double.class)),
                row.get("time_zone", String.class),
                Geofences.toGeoJson(Geofences.fromWkt(row.get("geofence_wkt", String.class))));
    }
}
