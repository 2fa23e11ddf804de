package dev.sluice.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.device.Placement;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stage's operator listing, and how each partition's fragment maps its resolved plan onto it:
 * unions and coalesces are not listed, nodes that share a plan id are listed apart, a node object
 * met twice is listed once; each line's placement, where its node has a GPU implementation.
 */
class TestStageOperators {
  private static RangeScanExec scan(int id, int partitions) {
    List<RangeSplit> splits = new java.util.ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      splits.add(new RangeSplit(p * 10L, 10, 1));
    }
    return new RangeScanExec(new PlanNodeId(id), splits);
  }

  @Test
  void testLimitOverCoalesceListsBothLimitsAndMapsEveryCoalescedInputToTheSameSlots() {
    // limit as the planner lays it out: local limits, a coalesce to one partition, a final limit, all of one id
    PhysicalPlan plan = new LocalLimitExec(new PlanNodeId(5),
        new CoalesceExec(new PlanNodeId(5), new LocalLimitExec(new PlanNodeId(5), scan(1, 3), 4), 1), 4);
    StageOperators operators = new StageOperators(plan);

    assertThat(operators.lines(new TaskSink.Collect()))
        .containsExactly("Collect", "LocalLimit[4]", "LocalLimit[4]", "RangeScan[3 partitions]");
    TaskFragment fragment = KryoSerde.deserialize(KryoSerde.serialize(operators.fragment(new TaskSink.Collect(), 0)));
    assertThat(fragment.operators().names()).containsExactly("LocalLimit", "LocalLimit", "RangeScan");
    // resolved: limit, concatenation, then (limit, scan) for each of the 3 inputs
    assertThat(fragment.plan().children().get(0)).isInstanceOf(UnionExec.class);
    assertThat(fragment.operators().slots()).containsExactly(0, -1, 1, 2, 1, 2, 1, 2);
  }

  @Test
  void testEveryPartitionOfAUnionMapsOntoTheWholeListing() {
    RangeScanExec shared = scan(1, 2);
    PhysicalPlan plan = new UnionExec(new PlanNodeId(3), List.of(shared, scan(2, 1), shared));
    StageOperators operators = new StageOperators(plan);

    assertThat(operators.lines(new TaskSink.Count()))
        .containsExactly("Count", "RangeScan[2 partitions]", "RangeScan[1 partitions]");
    assertThat(List.of(0, 1, 2, 3, 4)).extracting(p -> operators.fragment(new TaskSink.Count(), p).operators().slots())
        .containsExactly(List.of(0), List.of(0), List.of(1), List.of(0), List.of(0));
  }

  @Test
  void testAFragmentOfAPlanOfItsOwnListsEveryNode() {
    PhysicalPlan plan = new LocalLimitExec(new PlanNodeId(2), scan(1, 1), 3);
    TaskFragment fragment = new TaskFragment(plan, new TaskSink.ShuffleWrite(0,
        new dev.sluice.engine.plan.physical.Partitioning.RoundRobin(2)));

    assertThat(fragment.operators()).isEqualTo(new OperatorListing(List.of("LocalLimit", "RangeScan"), List.of(0, 1)));
    assertThat(new StageOperators(plan).lines(fragment.sink()))
        .containsExactly("ShuffleWrite: shuffle 0 round-robin(2)", "LocalLimit[3]", "RangeScan[1 partitions]");
  }

  @Test
  void testPlacementsFollowTheLinesAndNameOnlyNodesWithAGpuImplementation() {
    Schema schema = new Schema(List.of(new Field("id", DataType.INT64)));
    FilterProjectExec onCpu = new FilterProjectExec(new PlanNodeId(2), scan(1, 2),
        null, List.of(new BoundRef(0, "id", DataType.INT64)), schema).withPlacement(Placement.cpu("user lambda"));
    FilterProjectExec onGpu = new FilterProjectExec(new PlanNodeId(3), onCpu,
        null, List.of(new BoundRef(0, "id", DataType.INT64)), schema).withPlacement(Placement.GPU);
    PhysicalPlan plan = new LocalLimitExec(new PlanNodeId(4), onGpu, 5);
    StageOperators operators = new StageOperators(plan);

    List<String> lines = operators.lines(new TaskSink.Collect());
    assertThat(lines).extracting(line -> line.split("[\\[ :]")[0])
        .containsExactly("Collect", "LocalLimit", "FilterProject", "FilterProject", "RangeScan");
    assertThat(operators.placements(new TaskSink.Collect())).hasSameSizeAs(lines).containsExactly(Optional.empty(),
        Optional.empty(), Optional.of(Placement.GPU), Optional.of(Placement.cpu("user lambda")), Optional.empty());
    // a hash exchange's map side placed on the GPU is its shuffle write's line
    Partitioning byId = new Partitioning.HashColumns(4, List.of(new BoundRef(0, "id", DataType.INT64)));
    assertThat(operators.placements(new TaskSink.ShuffleWrite(0, byId, Placement.GPU)).get(0))
        .contains(Placement.GPU);
    assertThat(operators.placements(new TaskSink.ShuffleWrite(0, byId)).get(0)).isEmpty();
  }
}
