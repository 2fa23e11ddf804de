package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.LongFilterFunction;
import dev.sluice.engine.function.LongMapFunction;
import dev.sluice.engine.plan.FunctionNames;

/** One primitive-long user function inside a {@link LongPipelineExec}. */
public sealed interface LongStep permits LongStep.Map, LongStep.Filter {
  String describe();

  /** long in, long out. */
  record Map(LongMapFunction function) implements LongStep {
    public Map {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "map " + FunctionNames.of(function);
    }
  }

  /** long in, kept or dropped. */
  record Filter(LongFilterFunction function) implements LongStep {
    public Filter {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "filter " + FunctionNames.of(function);
    }
  }
}
