package dev.sluice.scheduler.ui.api;

import java.util.List;

/**
 * Quantiles of a stage's successful tasks ({@code GET /api/v1/applications/{app}/stages/{stageId}/summary}):
 * the value at quantile q of n sorted values is the one at index {@code min(floor(q * n), n - 1)}.
 * Every list but {@code quantiles} is empty when no task succeeded.
 *
 * @param quantiles 0, 0.25, 0.5, 0.75, 1
 * @param durationMillis task durations at those quantiles
 * @param rowsOut rows out at those quantiles
 * @param shuffleReadBytes shuffle bytes read at those quantiles
 * @param shuffleWriteBytes shuffle bytes written at those quantiles
 */
public record TaskSummary(List<Double> quantiles, List<Long> durationMillis, List<Long> rowsOut,
    List<Long> shuffleReadBytes, List<Long> shuffleWriteBytes) {
  public TaskSummary {
    quantiles = List.copyOf(quantiles);
    durationMillis = List.copyOf(durationMillis);
    rowsOut = List.copyOf(rowsOut);
    shuffleReadBytes = List.copyOf(shuffleReadBytes);
    shuffleWriteBytes = List.copyOf(shuffleWriteBytes);
  }
}
