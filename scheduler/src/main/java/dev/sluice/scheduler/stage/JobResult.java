package dev.sluice.scheduler.stage;

import java.util.List;

/**
 * The answers of a job's result tasks, by partition.
 *
 * @param jobId the job
 * @param partitionResults what each result task sent back, in partition order
 */
public record JobResult(int jobId, List<byte[]> partitionResults) {
  public JobResult {
    partitionResults = List.copyOf(partitionResults);
  }
}
