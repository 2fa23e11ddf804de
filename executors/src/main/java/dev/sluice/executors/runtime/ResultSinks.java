package dev.sluice.executors.runtime;

import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.executors.shuffle.ShuffleWriteSink;
import dev.sluice.executors.sink.CollectSink;
import dev.sluice.executors.sink.CountSink;
import dev.sluice.executors.sink.FileWriteSink;
import dev.sluice.executors.sink.ForeachSink;
import dev.sluice.executors.sink.LongReduceSink;
import dev.sluice.executors.sink.LongSumSink;
import dev.sluice.executors.sink.ReduceSink;
import dev.sluice.executors.sink.ResultSink;
import dev.sluice.executors.sink.SampleColumnsSink;
import dev.sluice.executors.sink.SampleKeysSink;
import dev.sluice.executors.sink.SaveTextSink;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/** Maps each {@link TaskSink} kind to the executor's implementation of it. */
public final class ResultSinks {
  private ResultSinks() {}

  /** The sink of {@code fragment}, whose plan is the input it drains. */
  public static ResultSink create(TaskFragment fragment, TaskContext context) {
    TaskSink sink = fragment.sink();
    BufferAllocator allocator = context.operator().allocator();
    if (sink instanceof TaskSink.Collect) {
      return new CollectSink(allocator);
    }
    if (sink instanceof TaskSink.ShuffleWrite write) {
      Optional<GpuOperators> gpu = write.placement().gpu() && write.partitioning() instanceof Partitioning.HashColumns
          ? OperatorFactories.gpuOperators() : Optional.empty();
      if (gpu.isPresent()) {
        // the exchange as the stage planner cut it: its map side is the fragment's plan
        ExchangeExec exchange = new ExchangeExec(fragment.plan().id(), fragment.plan(), write.partitioning(),
            write.placement());
        return new ShuffleWriteSink(write.shuffleId(), exchange, context, gpu.get());
      }
      return new ShuffleWriteSink(write.shuffleId(), write.partitioning(), context);
    }
    if (sink instanceof TaskSink.SampleKeys sample) {
      return new SampleKeysSink(sample.key(), sample.sampleSize());
    }
    if (sink instanceof TaskSink.SampleColumns sample) {
      return new SampleColumnsSink(sample.keys(), sample.perPartition());
    }
    if (sink instanceof TaskSink.Count) {
      return new CountSink();
    }
    if (sink instanceof TaskSink.Reduce reduce) {
      return ReduceSink.reduce(reduce.function());
    }
    if (sink instanceof TaskSink.Fold fold) {
      return ReduceSink.fold(fold.zero(), fold.function());
    }
    if (sink instanceof TaskSink.Foreach foreach) {
      return new ForeachSink(foreach.function());
    }
    if (sink instanceof TaskSink.SaveText save) {
      return new SaveTextSink(save.temporaryDirectory(), context.key().partition(), context.attempt());
    }
    if (sink instanceof TaskSink.WriteFiles write) {
      return new FileWriteSink(write, context.key().partition(), context.attempt());
    }
    if (sink instanceof TaskSink.LongSum) {
      return new LongSumSink();
    }
    return new LongReduceSink(((TaskSink.LongReduce) sink).function());
  }
}
