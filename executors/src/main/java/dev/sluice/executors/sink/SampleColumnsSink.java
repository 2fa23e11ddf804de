package dev.sluice.executors.sink;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.keyed.KeySample;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.executors.columnar.SortKeyEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples the sort-key tuples of a columnar partition uniformly (reservoir sampling with Li's
 * Algorithm L, which draws how many rows to pass over instead of a number per row, so keys are
 * evaluated only for batches holding a picked row; seeded by nothing but the sample size, so a
 * re-run samples the same rows) and sends back a Kryo-encoded
 * {@link KeySample} of the partition's row count and up to {@code perPartition} tuples, each an
 * {@code ArrayList} of the keys' values as {@code Literal} holds them: the input of {@code
 * ColumnarRangeBounds}.
 */
public final class SampleColumnsSink implements ResultSink {
  /** Evaluates the keys of each batch. */
  private final SortKeyEvaluator evaluator;
  /** The most tuples to keep. */
  private final int perPartition;
  /** Rows seen. */
  private long rows;

  public SampleColumnsSink(List<SortKey> keys, int perPartition) {
    this.evaluator = new SortKeyEvaluator(requireNonNull(keys, "keys is null"));
    if (perPartition < 1) {
      throw new IllegalArgumentException("perPartition must be at least 1, got " + perPartition);
    }
    this.perPartition = perPartition;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    List<Object> reservoir = new ArrayList<>(perPartition);
    SplittableRandom random = new SplittableRandom(perPartition);
    // Algorithm L: once the reservoir is full, jump straight to the next row that replaces one
    double weight = 0;
    long nextPick = 0;
    for (Batch next = input.next(); next != null; next = input.next()) {
      try (Batch batch = next) {
        int count = batch.rowCount();
        if (count == 0) {
          continue;
        }
        long batchStart = rows;
        rows += count;
        if (reservoir.size() == perPartition && nextPick >= rows) {
          continue;
        }
        List<ColumnData> keys = evaluator.evaluate(batch);
        int row = 0;
        while (row < count && reservoir.size() < perPartition) {
          reservoir.add(tuple(keys, row++));
          if (reservoir.size() == perPartition) {
            weight = Math.exp(Math.log(random.nextDouble()) / perPartition);
            nextPick = batchStart + row + skip(random, weight);
          }
        }
        while (reservoir.size() == perPartition && nextPick < rows) {
          reservoir.set(random.nextInt(perPartition), tuple(keys, (int) (nextPick - batchStart)));
          weight *= Math.exp(Math.log(random.nextDouble()) / perPartition);
          nextPick += 1 + skip(random, weight);
        }
      }
    }
    return KryoSerde.serialize(new KeySample(rows, reservoir));
  }

  /** How many rows to pass over before the next replacement (geometric, as Algorithm L draws it). */
  private static long skip(SplittableRandom random, double weight) {
    double skip = Math.floor(Math.log(random.nextDouble()) / Math.log1p(-weight));
    return skip >= Long.MAX_VALUE / 4 || Double.isNaN(skip) ? Long.MAX_VALUE / 4 : (long) skip;
  }

  private static ArrayList<Object> tuple(List<ColumnData> keys, int row) {
    ArrayList<Object> tuple = new ArrayList<>(keys.size());
    for (ColumnData key : keys) {
      tuple.add(key.getObject(row));
    }
    return tuple;
  }

  @Override
  public long rows() {
    return rows;
  }
}
