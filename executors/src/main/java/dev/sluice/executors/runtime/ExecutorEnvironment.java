package dev.sluice.executors.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import java.nio.file.Path;

/**
 * What every task on one executor shares.
 *
 * @param executorId the executor's name
 * @param workDirectory where its shuffle files and spills go (removed with the session)
 * @param mapOutputs where shuffle outputs are registered and looked up
 */
public record ExecutorEnvironment(String executorId, Path workDirectory, MapOutputRegistry mapOutputs) {
  public ExecutorEnvironment {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(workDirectory, "workDirectory is null");
    requireNonNull(mapOutputs, "mapOutputs is null");
  }
}
