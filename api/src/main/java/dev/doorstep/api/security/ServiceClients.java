package dev.doorstep.api.security;

import dev.doorstep.dispatch.ids.Ids;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** client_credentials clients of the local issuer. The secret is shown once and stored only hashed. */
@Component
@ConditionalOnLocalIssuer
public class ServiceClients {

    private final DatabaseClient db;
    private final PasswordEncoder passwords;

    ServiceClients(DatabaseClient db, PasswordEncoder passwords) {
        this.db = db;
        this.passwords = passwords;
    }

    public record Registered(String clientId, String clientSecret, String name, List<Role> roles) {
    }

    public record Client(String clientId, Set<Role> roles) {
    }

    public Mono<Registered> register(String name, List<Role> roles) {
        String clientId = Ids.next("svc");
        byte[] raw = new byte[32];
        Ids.randomBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        // Hashing is deliberately slow: keep it off the event loop.
        return Mono.fromCallable(() -> passwords.encode(secret))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("""
                                INSERT INTO service_clients (client_id, name, secret_hash, roles)
                                VALUES (:id, :name, :hash, :roles)""")
                        .bind("id", clientId)
                        .bind("name", name)
                        .bind("hash", hash)
                        .bind("roles", roles.stream().map(Role::name).toArray(String[]::new))
                        .then())
                .thenReturn(new Registered(clientId, secret, name, roles));
    }

    /** The client when the secret matches; empty otherwise (unknown client or wrong secret alike). */
    public Mono<Client> authenticate(String clientId, String secret) {
        return db.sql("SELECT secret_hash, roles FROM service_clients WHERE client_id = :id")
                .bind("id", clientId)
                .map(row -> new Object[] {row.get("secret_hash", String.class), row.get("roles", String[].class)})
                .one()
                .publishOn(Schedulers.boundedElastic())
                .filter(row -> passwords.matches(secret, (String) row[0]))
                .map(row -> new Client(clientId, roles((String[]) row[1])));
    }

    private static Set<Role> roles(String[] names) {
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }
}
