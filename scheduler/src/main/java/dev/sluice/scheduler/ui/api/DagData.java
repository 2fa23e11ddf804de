package dev.sluice.scheduler.ui.api;

import java.util.List;

/**
 * A job's stage DAG ({@code GET /api/v1/applications/{app}/jobs/{jobId}/dag}).
 *
 * @param jobId the job
 * @param nodes its stages, parents first
 * @param edges one per parent → child pair
 */
public record DagData(int jobId, List<DagNode> nodes, List<DagEdge> edges) {
  public DagData {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
