package dev.sluice.executors.sink;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeySample;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.executors.operator.RowIterator;
import dev.sluice.executors.operator.UserFunctionException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples the sort keys of a partition uniformly (reservoir sampling, seeded by nothing but the
 * row count, so a re-run samples the same keys) and sends back a Kryo-encoded {@link KeySample}.
 */
public final class SampleKeysSink implements ResultSink {
  private static final Origin ORIGIN = new Origin("sort key", "user function");

  private final MapFunction<Object, Object> key;
  private final int sampleSize;
  private long rows;

  public SampleKeysSink(MapFunction<Object, Object> key, int sampleSize) {
    this.key = key;
    this.sampleSize = sampleSize;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    List<Object> reservoir = new ArrayList<>(sampleSize);
    SplittableRandom random = new SplittableRandom(sampleSize);
    RowIterator iterator = new RowIterator(input, context);
    while (iterator.hasNext()) {
      Object row = iterator.next();
      rows++;
      if (reservoir.size() < sampleSize) {
        reservoir.add(UserFunctionException.call(ORIGIN, () -> key.call(row)));
      } else {
        long slot = random.nextLong(rows);
        if (slot < sampleSize) {
          reservoir.set((int) slot, UserFunctionException.call(ORIGIN, () -> key.call(row)));
        }
      }
    }
    return KryoSerde.serialize(new KeySample(rows, reservoir));
  }

  @Override
  public long rows() {
    return rows;
  }
}
