package dev.sluice.executors.runtime;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorListing;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.executors.shuffle.ShuffleReadOperator;
import dev.sluice.scheduler.protocol.TaskMetrics.OperatorStat;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators one task built, each with its node's slot in the stage's listing ({@link
 * OperatorListing}), and the figures the task reports about them once it has drained its tree:
 * one {@link OperatorStat} per entry of the listing (sink first), the rows its sources produced
 * and the shuffle bytes it read. Operators in the same slot (a coalesced partition's inputs side
 * by side) are summed; a slot no operator of this task fills (another input of a union) reports
 * zeros. Used on the task's thread only.
 */
final class TaskOperators implements OperatorFactories.BuildListener {
  private final OperatorListing listing;
  /** The operators built, by slot. */
  private final List<List<Operator>> bySlot = new ArrayList<>();
  private final List<Operator> all = new ArrayList<>();
  private final List<Operator> sources = new ArrayList<>();
  private final List<ShuffleReadOperator> shuffleReads = new ArrayList<>();

  TaskOperators(OperatorListing listing) {
    this.listing = listing;
    for (int i = 0; i < listing.names().size(); i++) {
      bySlot.add(new ArrayList<>());
    }
  }

  @Override
  public void built(int position, PhysicalPlan node, Operator operator) {
    int slot = listing.slot(position);
    if (slot >= 0) {
      bySlot.get(slot).add(operator);
    }
    all.add(operator);
    if (node.children().isEmpty()) {
      sources.add(operator);
    }
    if (operator instanceof ShuffleReadOperator read) {
      shuffleReads.add(read);
    }
  }

  /** Rows produced by the task's sources: scans, shuffle reads, ranges and values. */
  long rowsIn() {
    long rows = 0;
    for (Operator source : sources) {
      rows += source.metrics().rowsOut();
    }
    return rows;
  }

  /** Shuffle bytes its shuffle reads read, local and remote. */
  long shuffleReadBytes() {
    long bytes = 0;
    for (ShuffleReadOperator read : shuffleReads) {
      bytes += read.bytesRead();
    }
    return bytes;
  }

  /**
   * The figures in listing order: the sink's (its rows; its time is the drain's less the
   * operators' own), then each listed node's.
   *
   * @param sinkName the sink's name in the listing
   * @param sinkRows rows that reached the sink
   * @param drainNanos how long draining the tree into the sink took
   */
  List<OperatorStat> stats(String sinkName, long sinkRows, long drainNanos) {
    long operatorNanos = 0;
    for (Operator operator : all) {
      operatorNanos += operator.metrics().nanos();
    }
    List<OperatorStat> stats = new ArrayList<>(bySlot.size() + 1);
    stats.add(new OperatorStat(sinkName, sinkRows, Math.max(0, drainNanos - operatorNanos)));
    for (int slot = 0; slot < bySlot.size(); slot++) {
      long rows = 0;
      long nanos = 0;
      for (Operator operator : bySlot.get(slot)) {
        OperatorMetrics metrics = operator.metrics();
        rows += metrics.rowsOut();
        nanos += metrics.nanos();
      }
      stats.add(new OperatorStat(listing.names().get(slot), rows, nanos));
    }
    return stats;
  }
}
