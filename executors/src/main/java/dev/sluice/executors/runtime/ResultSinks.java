package dev.sluice.executors.runtime;

import dev.sluice.engine.exec.TaskSink;
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
import org.apache.arrow.memory.BufferAllocator;

/** Maps each {@link TaskSink} kind to the executor's implementation of it. */
public final class ResultSinks {
  private ResultSinks() {}

  public static ResultSink create(TaskSink sink, TaskContext context) {
    BufferAllocator allocator = context.operator().allocator();
    if (sink instanceof TaskSink.Collect) {
      return new CollectSink(allocator);
    }
    if (sink instanceof TaskSink.ShuffleWrite write) {
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
