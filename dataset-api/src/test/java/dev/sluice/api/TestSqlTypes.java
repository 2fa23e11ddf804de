package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSqlTypes {
  @Test
  void testDdlSchemaWithDecimalsAndBackquotes() {
    Schema schema = SqlTypes.parseSchema(
        "l_orderkey BIGINT, l_price DECIMAL(15,2), l_shipdate DATE, name STRING,  n int , `odd name` double,"
            + " flag boolean, d decimal(15, 2), v varchar(25)");
    assertThat(schema.fields()).containsExactly(
        new Field("l_orderkey", DataType.INT64),
        new Field("l_price", DataType.decimal(15, 2)),
        new Field("l_shipdate", DataType.DATE32),
        new Field("name", DataType.UTF8),
        new Field("n", DataType.INT32),
        new Field("odd name", DataType.FLOAT64),
        new Field("flag", DataType.BOOLEAN),
        new Field("d", DataType.decimal(15, 2)),
        new Field("v", DataType.UTF8));
    assertThat(SqlTypes.parseSchema("a: int, b:bigint NOT NULL").fields())
        .containsExactly(new Field("a", DataType.INT32), new Field("b", DataType.INT64));
  }

  @Test
  void testTypeNamesAsSpark() {
    assertThat(SqlTypes.parseType("decimal")).isEqualTo(DataType.decimal(10, 0));
    assertThat(SqlTypes.parseType("decimal(7)")).isEqualTo(DataType.decimal(7, 0));
    assertThat(SqlTypes.parseType("LONG")).isEqualTo(DataType.INT64);
    assertThat(SqlTypes.parseType("integer")).isEqualTo(DataType.INT32);
    for (DataType type : List.of(DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.BOOLEAN, DataType.UTF8,
        DataType.DATE32, DataType.decimal(15, 2))) {
      assertThat(SqlTypes.parseType(SqlTypes.sparkName(type))).isEqualTo(type);
    }
    assertThat(SqlTypes.typeName(DataType.INT32)).isEqualTo("integer");
    assertThat(SqlTypes.sparkClassName(DataType.INT64)).isEqualTo("LongType");
    assertThat(SqlTypes.sparkClassName(DataType.decimal(15, 2))).isEqualTo("DecimalType(15,2)");
    assertThat(SqlTypes.sparkClassName(DataType.UTF8)).isEqualTo("StringType");
  }

  @Test
  void testBadSchemasNameTheProblem() {
    assertThatThrownBy(() -> SqlTypes.parseSchema("a int, b")).isInstanceOf(EngineException.class)
        .hasMessageContaining("Column 'b'").hasMessageContaining("has no type");
    assertThatThrownBy(() -> SqlTypes.parseSchema("a int, a bigint")).isInstanceOf(EngineException.class)
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> SqlTypes.parseSchema("a decimal(40,2)")).isInstanceOf(EngineException.class)
        .hasMessageContaining("precision");
    assertThatThrownBy(() -> SqlTypes.parseSchema("a int,, b int")).isInstanceOf(EngineException.class)
        .hasMessageContaining("Empty column");
    assertThatThrownBy(() -> SqlTypes.parseSchema("a map<int,int>")).isInstanceOf(EngineException.class)
        .hasMessageContaining("Unknown type");
  }
}
