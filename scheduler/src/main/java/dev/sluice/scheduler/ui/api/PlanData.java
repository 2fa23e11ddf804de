package dev.sluice.scheduler.ui.api;

import dev.sluice.scheduler.event.PlanText;
import java.util.List;

/**
 * A job's plans and per-operator metrics ({@code GET /api/v1/applications/{app}/jobs/{jobId}/plan}).
 *
 * @param jobId the job
 * @param plans its plans as text ({@code title}, {@code text}), as the job was submitted with
 * @param stages its stages, parents first, with their operators' figures
 */
public record PlanData(int jobId, List<PlanText> plans, List<PlanStageData> stages) {
  public PlanData {
    plans = List.copyOf(plans);
    stages = List.copyOf(stages);
  }
}
