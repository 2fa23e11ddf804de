package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.split.FileSplit;
import java.util.List;

/**
 * The lines of text files, as Strings without their line terminators; one partition per split.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param splits the byte ranges, one per partition
 */
public record TextFileNode(
    PlanNodeId id,
    Origin origin,
    List<FileSplit> splits)
    implements LogicalPlan {
  public TextFileNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    splits = List.copyOf(requireNonNull(splits, "splits is null"));
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("splits must not be empty");
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("TextFileNode has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitTextFile(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return String.class;
  }

  @Override
  public String describe() {
    return "TextFile(" + splits.size() + " splits of " + splits.stream().map(FileSplit::path).distinct().count() + " files)";
  }
}
