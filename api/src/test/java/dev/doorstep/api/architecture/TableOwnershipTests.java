package dev.doorstep.api.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.architecture.SqlTableScan.TableUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (ARCHITECTURE.md, "Ownership of data and events"): only the owning feature package writes
 * a table, and no other module reads it; they ask that package's facade. Checked on the SQL in every module's
 * main sources, against the tables its Flyway migrations create. The README's "Where to look" lists the owners.
 */
class TableOwnershipTests {

    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES =
            List.of("dispatch", "tracking", "notifications", "api", "simulator", "bench");

    /** Table → owning module and feature package; the module must be the one whose migration creates it. */
    static final Map<String, String> OWNERS = new TreeMap<>(Map.ofEntries(
            entry("stations", "dispatch.stations"),
            entry("dsps", "dispatch.fleet"),
            entry("drivers", "dispatch.fleet"),
            entry("vans", "dispatch.fleet"),
            entry("dispatchers", "dispatch.dispatchers"),
            entry("packages", "dispatch.packages"),
            entry("package_events", "dispatch.packages"),
            entry("blocks", "dispatch.blocks"),
            entry("block_forfeits", "dispatch.blocks"),
            entry("plans", "dispatch.planning"),
            entry("routes", "dispatch.routes.ledger"),
            entry("stops", "dispatch.routes.ledger"),
            entry("stop_packages", "dispatch.routes.ledger"),
            entry("delivery_attempts", "dispatch.delivery"),
            entry("proof_of_delivery", "dispatch.delivery"),
            entry("deliveries", "dispatch.delivery"),
            entry("outbox", "dispatch.outbox"),
            entry("tracking_links", "tracking.links"),
            entry("osmand_devices", "tracking.ingest"),
            entry("route_exceptions", "tracking.exceptions"),
            entry("device_tokens", "notifications.devices"),
            entry("push_sends", "notifications.push"),
            entry("arriving_pushes", "notifications.push"),
            entry("block_reminders", "notifications.push"),
            entry("service_clients", "api.security")));

    @Test
    void everyTableHasOneOwningFeaturePackageInTheModuleWhoseMigrationCreatesIt() {
        Map<String, String> created = createdTables();

        assertThat(OWNERS.keySet()).as("tables with an owner here = tables the migrations create")
                .containsExactlyInAnyOrderElementsOf(created.keySet());
        created.forEach((table, module) -> {
            String owner = OWNERS.get(table);
            assertThat(owner).as("owner of " + table + ", created by " + module).startsWith(module + ".");
            Path feature = ROOT.resolve(module + "/src/main/java/dev/doorstep/" + owner.replace('.', '/'));
            assertThat(Files.isDirectory(feature)).as(owner + " is a feature package").isTrue();
        });
    }

    /**
     * The only uses allowed outside the owner, each named: {@code bench/run notify} stands in for the app's writers
     * (it puts its events straight into the outbox, issue 18) and checks the pipeline from outside (the send records
     * of those events). The bench is never part of the app.
     */
    static final Set<String> ALLOWED = Set.of("bench.NotifyBench → outbox", "bench.NotifyBench → push_sends");

    @Test
    void onlyTheOwnerWritesATableAndNoOtherModuleReadsIt() {
        Set<String> found = violations();
        assertThat(found).as("the allowed exceptions are still used (else drop them)").containsAll(ALLOWED);
        assertThat(found.stream().filter(v -> !ALLOWED.contains(v)).toList())
                .as("code naming a table it does not own: call the owner's facade instead").isEmpty();
    }

    private static Set<String> violations() {
        Set<String> tables = OWNERS.keySet();
        List<TableUse> uses = new ArrayList<>();
        for (String module : MODULES) {
            uses.addAll(SqlTableScan.uses(ROOT.resolve(module + "/src/main/java/dev/doorstep"), tables));
        }
        assertThat(uses).as("the scan finds the SQL").isNotEmpty();
        return SqlTableScan.violations(uses, OWNERS);
    }

    private static Map<String, String> createdTables() {
        Map<String, String> created = new TreeMap<>();
        for (String module : MODULES) {
            SqlTableScan.createdTables(module, ROOT.resolve(module + "/src/main/resources/db/migration"))
                    .forEach((table, creator) -> assertThat(created.put(table, creator))
                            .as(table + " is created once").isNull());
        }
        return created;
    }
}
