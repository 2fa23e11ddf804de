package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRow {
  private static final Schema SCHEMA = new Schema(List.of(new Field("i", DataType.INT32),
      new Field("l", DataType.INT64), new Field("d", DataType.FLOAT64), new Field("s", DataType.UTF8),
      new Field("b", DataType.BOOLEAN), new Field("m", DataType.decimal(15, 2)), new Field("t", DataType.DATE32),
      new Field("n", DataType.UTF8)));

  private static Row row() {
    return new Row(new Object[] {1, 2L, 3.5, "x", true, new BigDecimal("4.25"), LocalDate.of(1995, 3, 15), null},
        SCHEMA);
  }

  @Test
  void testTypedGettersByIndexAndName() {
    Row row = row();
    assertThat(row.size()).isEqualTo(8);
    assertThat(row.length()).isEqualTo(8);
    assertThat(row.getInt(0)).isEqualTo(1);
    assertThat(row.getLong(1)).isEqualTo(2L);
    assertThat(row.getLong(0)).isEqualTo(1L);
    assertThat(row.getDouble(2)).isEqualTo(3.5);
    assertThat(row.getString(3)).isEqualTo("x");
    assertThat(row.getBoolean(4)).isTrue();
    assertThat(row.getDecimal(5)).isEqualTo(new BigDecimal("4.25"));
    assertThat(row.getDate(6)).isEqualTo(LocalDate.of(1995, 3, 15));
    assertThat(row.isNullAt(7)).isTrue();
    assertThat(row.getString(7)).isNull();
    assertThat(row.<Long>getAs("l")).isEqualTo(2L);
    assertThat(row.<Object>getAs(7)).isNull();
    assertThat(row.fieldIndex("m")).isEqualTo(5);
    assertThat(row.schema()).isEqualTo(SCHEMA);
  }

  @Test
  void testMisuseNamesTheColumn() {
    Row row = row();
    assertThatThrownBy(() -> row.getInt(3)).isInstanceOf(ClassCastException.class)
        .hasMessageContaining("getInt(3)").hasMessageContaining("s: utf8").hasMessageContaining("String");
    assertThatThrownBy(() -> row.getLong(7)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("index 7");
    assertThatThrownBy(() -> row.fieldIndex("zz")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[i, l, d, s, b, m, t, n]");
    assertThatThrownBy(() -> row.get(8)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> RowFactory.create(1).fieldIndex("a")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void testEqualityIgnoresTheSchemaAndPrintsAsSpark() {
    Row row = row();
    Row same = RowFactory.create(1, 2L, 3.5, "x", true, new BigDecimal("4.25"), LocalDate.of(1995, 3, 15), null);
    assertThat(row).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(row).isNotEqualTo(RowFactory.create(1, 2L));
    assertThat(row.toString()).isEqualTo("[1,2,3.5,x,true,4.25,1995-03-15,null]");
    assertThat(RowFactory.create().toString()).isEqualTo("[]");
    assertThat(row.toList()).hasSize(8);
  }
}
