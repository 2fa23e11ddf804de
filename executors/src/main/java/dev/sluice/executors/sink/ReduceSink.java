package dev.sluice.executors.sink;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.function.ReduceFunction;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.executors.operator.RowIterator;
import dev.sluice.executors.operator.UserFunctionException;

/**
 * Reduces the partition's rows with the user function, or folds them into a zero value; sends back
 * the Kryo-encoded result, or no bytes for an empty partition of a reduce.
 */
public final class ReduceSink implements ResultSink {
  private static final Origin ORIGIN = new Origin("reduce", "user function");

  private final ReduceFunction<Object> function;
  private final boolean hasZero;
  private final Object zero;
  private long rows;

  private ReduceSink(ReduceFunction<Object> function, boolean hasZero, Object zero) {
    this.function = function;
    this.hasZero = hasZero;
    this.zero = zero;
  }

  /** A reduce: no answer for an empty partition. */
  public static ReduceSink reduce(ReduceFunction<Object> function) {
    return new ReduceSink(function, false, null);
  }

  /** A fold: starts every partition from {@code zero} (this task's own copy of it). */
  public static ReduceSink fold(Object zero, ReduceFunction<Object> function) {
    return new ReduceSink(function, true, zero);
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    RowIterator iterator = new RowIterator(input, context);
    boolean present = hasZero;
    Object accumulator = zero;
    while (iterator.hasNext()) {
      Object row = iterator.next();
      rows++;
      if (present) {
        Object left = accumulator;
        accumulator = UserFunctionException.call(ORIGIN, () -> function.call(left, row));
      } else {
        accumulator = row;
        present = true;
      }
    }
    return present ? KryoSerde.serialize(accumulator) : new byte[0];
  }

  @Override
  public long rows() {
    return rows;
  }
}
