package dev.sluice.engine.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sampling job reads only the columns its sort keys and the scan's filter need. */
class TestSampleScans {
  private static final Schema WIDE;

  static {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fields.add(new Field("c" + i, i % 2 == 0 ? DataType.INT64 : DataType.UTF8));
    }
    WIDE = new Schema(fields);
  }

  private static BoundRef ref(int index) {
    return new BoundRef(index, "c" + index, WIDE.fields().get(index).type());
  }

  private static FileScanExec scan(Comparison filter) {
    FileSource source = new FileSource(FileFormat.PARQUET, List.of("/data/part-0.parquet"), List.of(100L), WIDE,
        Map.of());
    return new FileScanExec(new PlanNodeId(1), source, List.of(new FileSplit("/data/part-0.parquet", 0, 100)),
        WIDE, filter);
  }

  @Test
  void testFileScanKeepsOnlyKeyAndFilterColumns() {
    Comparison filter = new Comparison(Comparison.Op.LESS, ref(6), new Literal(5L, DataType.INT64));
    List<SortKey> keys = List.of(SortKey.descending(ref(5)),
        SortKey.ascending(new Arithmetic(Arithmetic.Op.ADD, ref(2), new Literal(1L, DataType.INT64))));
    SampleScans.Sampled sampled = SampleScans.keysOnly(scan(filter), keys);
    FileScanExec narrow = (FileScanExec) sampled.plan();
    assertThat(narrow.schema().fields()).extracting(Field::name).containsExactly("c2", "c5", "c6");
    assertThat(narrow.filter()).isEqualTo(new Comparison(Comparison.Op.LESS, new BoundRef(2, "c6", DataType.INT64),
        new Literal(5L, DataType.INT64)));
    assertThat(sampled.keys()).containsExactly(
        SortKey.descending(new BoundRef(1, "c5", DataType.UTF8)),
        SortKey.ascending(new Arithmetic(Arithmetic.Op.ADD, new BoundRef(0, "c2", DataType.INT64),
            new Literal(1L, DataType.INT64))));
    assertThat(narrow.splits()).isEqualTo(scan(filter).splits());
  }

  @Test
  void testOtherInputsAreSampledAsTheyAre() {
    List<SortKey> keys = List.of(SortKey.ascending(ref(0)));
    FileScanExec scan = scan(null);
    PhysicalPlan exchange = new ExchangeExec(new PlanNodeId(2), scan, new Partitioning.Single());
    assertThat(SampleScans.keysOnly(exchange, keys).plan()).isSameAs(exchange);
    assertThat(SampleScans.keysOnly(exchange, keys).keys()).isEqualTo(keys);
    List<SortKey> everyColumn = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      everyColumn.add(SortKey.ascending(ref(i)));
    }
    assertThat(SampleScans.keysOnly(scan, everyColumn).plan()).isSameAs(scan);
  }
}
