package dev.sluice.executors.sink;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.function.ForeachFunction;
import dev.sluice.engine.plan.Origin;
import dev.sluice.executors.operator.RowIterator;
import dev.sluice.executors.operator.UserFunctionException;

/** Calls the user function on every row, for its side effects; sends back nothing. */
public final class ForeachSink implements ResultSink {
  private static final Origin ORIGIN = new Origin("foreach", "user function");

  private final ForeachFunction<Object> function;
  private long rows;

  public ForeachSink(ForeachFunction<Object> function) {
    this.function = function;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    RowIterator iterator = new RowIterator(input, context);
    while (iterator.hasNext()) {
      Object row = iterator.next();
      rows++;
      UserFunctionException.call(ORIGIN, () -> {
        function.call(row);
        return null;
      });
    }
    return new byte[0];
  }

  @Override
  public long rows() {
    return rows;
  }
}
