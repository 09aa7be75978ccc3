package dev.doorstep.dispatch.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsUnitTests {

    private record Row(String id, Double weight) {
    }

    @Test
    void eachColumnKeepsTheRowOrderAndItsNulls() {
        Columns<Row> rows = Columns.of(List.of(new Row("a", 1.5), new Row("b", null), new Row("c", 3.0)));

        assertThat(rows.column(Row::id, String[]::new)).containsExactly("a", "b", "c");
        assertThat(rows.column(Row::weight, Double[]::new)).containsExactly(1.5, null, 3.0);
    }

    @Test
    void noRowsGiveEmptyColumns() {
        Columns<Row> rows = Columns.of(List.of());

        assertThat(rows.isEmpty()).isTrue();
        assertThat(rows.column(Row::id, String[]::new)).isEmpty();
    }
}
