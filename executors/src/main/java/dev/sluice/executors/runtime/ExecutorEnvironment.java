package dev.sluice.executors.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.shuffle.LocalShuffleBlocks;
import dev.sluice.executors.shuffle.ShuffleBlocks;
import dev.sluice.scheduler.shuffle.MapOutputLookup;
import java.nio.file.Path;

/**
 * What every task on one executor shares.
 *
 * @param executorId the executor's name
 * @param workDirectory where its shuffle files and spills go (removed with the session or application)
 * @param mapOutputs where reducers look shuffle outputs up
 * @param shuffleBlocks how a reducer reads one reduce partition of one map output (a local file, or
 *     Arrow Flight from the worker that wrote it)
 * @param payloads how the task's binary arrives and its result leaves
 * @param dataLocation the Arrow Flight address that serves this executor's shuffle files to other
 *     machines, recorded in every map output it writes; null in local mode
 */
public record ExecutorEnvironment(String executorId, Path workDirectory, MapOutputLookup mapOutputs,
    ShuffleBlocks shuffleBlocks, TaskChannel payloads, String dataLocation) {
  public ExecutorEnvironment {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(workDirectory, "workDirectory is null");
    requireNonNull(mapOutputs, "mapOutputs is null");
    requireNonNull(shuffleBlocks, "shuffleBlocks is null");
    requireNonNull(payloads, "payloads is null");
  }

  /** Local mode: outputs looked up in the driver's registry, files read directly, bytes inline. */
  public ExecutorEnvironment(String executorId, Path workDirectory, MapOutputLookup mapOutputs) {
    this(executorId, workDirectory, mapOutputs, LocalShuffleBlocks.INSTANCE, TaskChannel.INLINE, null);
  }
}
