package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stage's operators with their metrics, for the plan page.
 *
 * @param stageId the stage
 * @param name what it computes
 * @param operators sink side first
 */
public record PlanStageData(int stageId, String name, List<OperatorData> operators) {
  public PlanStageData {
    requireNonNull(name, "name is null");
    operators = List.copyOf(operators);
  }
}
