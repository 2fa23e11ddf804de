package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Rows given by the driver ({@code createDataFrame}), as Arrow IPC bytes, one entry per partition.
 *
 * @param schema the columns
 * @param partitions each partition's batches as Arrow IPC stream bytes (no compression)
 */
public record LocalRelation(Schema schema, List<byte[]> partitions) implements Relation {
  public LocalRelation {
    requireNonNull(schema, "schema is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
  }

  @Override
  public List<Relation> children() {
    return List.of();
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return this;
  }

  @Override
  public String describe() {
    return "LocalRelation " + schema + " in " + partitions.size() + " partition(s)";
  }

  @Override
  public boolean resolved() {
    return true;
  }
}
