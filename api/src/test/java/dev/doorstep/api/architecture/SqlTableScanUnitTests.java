package dev.doorstep.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.architecture.SqlTableScan.Access;
import dev.doorstep.api.architecture.SqlTableScan.TableUse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader behind {@link TableOwnershipTests}, on small pieces of Java and SQL. */
class SqlTableScanUnitTests {

    private static final Set<String> TABLES = Set.of("packages", "package_events", "routes", "stops", "drivers");

    @Test
    void textBlocksAndLiteralsJoinedByPlusReadAsOneStringAndCommentsAreSkipped() {
        String java = """
                class Sample {
                    // "FROM drivers" in a comment is no SQL
                    /* nor "UPDATE drivers" here */
                    char quote = '"';
                    String joined = "SELECT id FROM " +
                            "routes WHERE id = $1";
                    String block = \"""
                            UPDATE packages SET status = $1
                            \""";
                    String apart = "x" + name + "packages";
                }
                """;

        assertThat(SqlTableScan.stringsOf(java).stream().map(String::strip))
                .containsExactly("SELECT id FROM routes WHERE id = $1", "UPDATE packages SET status = $1", "x",
                        "packages");
    }

    @Test
    void readsAreTheTablesAfterFromAndJoinAliasesAndCommaListsIncluded() {
        String sql = """
                SELECT s.id FROM routes r, stops s JOIN packages AS p ON p.stop_id = s.id
                LEFT JOIN drivers d ON d.id = r.driver_id WHERE s.route_id = r.id""";

        assertThat(SqlTableScan.tablesNamed(sql, TABLES)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "routes", Access.READ, "stops", Access.READ, "packages", Access.READ, "drivers", Access.READ));
    }

    @Test
    void writesAreInsertIntoUpdateAndDeleteFromAndWinOverAReadOfTheSameTable() {
        assertThat(SqlTableScan.tablesNamed("INSERT INTO package_events (id) SELECT id FROM packages", TABLES))
                .containsExactlyInAnyOrderEntriesOf(Map.of("package_events", Access.WRITE, "packages", Access.READ));
        assertThat(SqlTableScan.tablesNamed("UPDATE stops SET status = 'x' FROM stops t WHERE t.id = $1", TABLES))
                .containsExactlyEntriesOf(Map.of("stops", Access.WRITE));
        assertThat(SqlTableScan.tablesNamed("delete from routes where id = $1", TABLES))
                .containsExactlyEntriesOf(Map.of("routes", Access.WRITE));
    }

    @Test
    void keywordsThatLookLikeWritesUnknownNamesAndSqlCommentsNameNoTable() {
        String sql = """
                WITH moved AS (SELECT id FROM lockers FOR UPDATE SKIP LOCKED)
                INSERT INTO shelves (id) SELECT id FROM moved ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id""";

        assertThat(SqlTableScan.tablesNamed(sql, TABLES)).isEmpty();
        assertThat(SqlTableScan.tablesNamed("SELECT 1 FROM stops -- not FROM packages", TABLES))
                .containsOnlyKeys("stops");
    }

    @Test
    void aWriteOutsideTheOwnerAndAReadFromAnotherModuleBreakOwnershipAReadInTheModuleDoesNot() {
        Map<String, String> owners = Map.of("packages", "dispatch.packages", "routes", "dispatch.routes");
        List<TableUse> uses = List.of(
                new TableUse("dispatch.packages.Packages", "packages", Access.WRITE),
                new TableUse("dispatch.routes.Routes", "packages", Access.READ),
                new TableUse("dispatch.routes.RouteChanges", "packages", Access.WRITE),
                new TableUse("tracking.customer.CustomerTracking", "routes", Access.READ),
                new TableUse("dispatch.routesextra.Other", "routes", Access.WRITE));

        assertThat(SqlTableScan.violations(uses, owners)).containsExactly(
                "dispatch.routes.RouteChanges → packages",
                "dispatch.routesextra.Other → routes",
                "tracking.customer.CustomerTracking → routes");
    }
}
