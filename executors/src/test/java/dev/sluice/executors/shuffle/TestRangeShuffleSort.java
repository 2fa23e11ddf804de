package dev.sluice.executors.shuffle;

import static dev.sluice.executors.columnar.SortTestRows.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.keyed.ColumnarRangeBounds;
import dev.sluice.engine.keyed.KeySample;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.ColumnarSortExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.ColumnarSortOperator;
import dev.sluice.executors.columnar.SortTestRows;
import dev.sluice.executors.runtime.ExecutorEnvironment;
import dev.sluice.executors.runtime.TaskContext;
import dev.sluice.executors.sink.SampleColumnsSink;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A global sort as the planner lays it out, without the scheduler: every map partition is sampled,
 * bounds are chosen, the maps are shuffled by range and each reduce partition is sorted. Read in
 * partition order, the rows equal a stable Java sort of all the input.
 */
class TestRangeShuffleSort {
  private static final int SHUFFLE = 3;

  @TempDir
  Path work;

  private BufferAllocator allocator;
  private MapOutputRegistry registry;
  private ExecutorEnvironment environment;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    registry = new MapOutputRegistry();
    environment = new ExecutorEnvironment("executor-1", work, registry);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private OperatorContext context(long budget) {
    return new OperatorContext("job-0/stage-1/task", allocator, 700, 65536, budget, work.resolve("spill"));
  }

  @Test
  void testRangeShuffledSortEqualsAStableSortOfAllRows() {
    List<SortKey> keys = List.of(key(4, false, false), key(3, true, true), key(0, true, true));
    int partitions = 4;
    List<List<Object[]>> maps = new ArrayList<>();
    List<Object[]> all = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      // skewed map sizes: the bounds weigh each sample by its map's row count
      List<Object[]> rows = SortTestRows.rows(500 + 4000 * m, 17 + m, 60, 0.1);
      for (Object[] row : rows) {
        row[0] = (long) all.size();
        all.add(row);
      }
      maps.add(rows);
    }
    List<KeySample> samples = new ArrayList<>();
    for (List<Object[]> rows : maps) {
      byte[] answer = new SampleColumnsSink(keys, 60)
          .drain(SortTestRows.source(SortTestRows.batches(rows, allocator, 333)), context(Long.MAX_VALUE));
      samples.add(KryoSerde.deserialize(answer));
    }
    List<List<Object>> bounds = ColumnarRangeBounds.choose(samples, partitions, keys);
    assertThat(bounds).hasSize(partitions - 1);
    Partitioning range = new Partitioning.RangeColumns(partitions, keys, null).withBounds(bounds);

    registry.registerShuffle(SHUFFLE, maps.size());
    for (int m = 0; m < maps.size(); m++) {
      TaskContext task = new TaskContext(context(Long.MAX_VALUE), environment, new TaskKey(0, 0, m), 0);
      ShuffleWriteSink sink = new ShuffleWriteSink(SHUFFLE, range, task);
      sink.drain(SortTestRows.source(SortTestRows.batches(maps.get(m), allocator, 250, 1000)),
          context(Long.MAX_VALUE));
      registry.register(SHUFFLE, m, sink.mapStatus());
    }

    List<Object[]> expected = new ArrayList<>(all);
    expected.sort(SortTestRows.reference(keys));
    for (long budget : new long[] {Long.MAX_VALUE, 4096}) {
      List<List<Object>> out = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        ShuffleReadExec read = new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, maps.size(), partitions,
            Object.class, List.of(p), false);
        ColumnarSortExec sort = new ColumnarSortExec(new PlanNodeId(10), read, keys, -1, SortTestRows.schema());
        int before = out.size();
        try (ColumnarSortOperator operator = new ColumnarSortOperator(sort,
            new ShuffleReadOperator(read, context(budget), registry, LocalShuffleBlocks.INSTANCE), context(budget))) {
          for (Batch next = operator.next(); next != null; next = operator.next()) {
            try (Batch batch = next) {
              VectorBatch columns = ArrowColumns.read(batch);
              for (int r = 0; r < columns.rowCount(); r++) {
                Object[] row = new Object[columns.columns().size()];
                for (int c = 0; c < row.length; c++) {
                  row[c] = columns.column(c).getObject(r);
                }
                out.add(Arrays.asList(row));
              }
            }
          }
        }
        sizes.add(out.size() - before);
      }
      assertThat(out).as("budget %d", budget).isEqualTo(expected.stream().map(Arrays::asList).toList());
      // weighted bounds balance the partitions although the maps are skewed
      assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(all.size() / partitions / 2,
          all.size() / partitions * 2));
    }
  }
}
