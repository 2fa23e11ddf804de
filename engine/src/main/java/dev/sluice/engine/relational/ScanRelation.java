package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads files. The optimizer narrows {@code columns} to those used above (projection pushdown) and
 * moves filters into {@code filter} (evaluated by the scan on each batch as it is read, before any
 * other operator sees it).
 *
 * @param source the files and their full schema
 * @param columns the columns produced, in this order, by name (all of the source's at first)
 * @param filter a resolved predicate over {@link #schema()} the scan applies, or null
 */
public record ScanRelation(FileSource source, List<String> columns, Expression filter) implements Relation {
  public ScanRelation {
    requireNonNull(source, "source is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  public static ScanRelation of(FileSource source) {
    return new ScanRelation(source, source.schema().fields().stream().map(Field::name).toList(), null);
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
  public Schema schema() {
    List<Field> fields = new ArrayList<>(columns.size());
    for (String column : columns) {
      fields.add(source.schema().fields().stream().filter(f -> f.name().equals(column)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no column " + column + " in " + source.schema())));
    }
    return new Schema(fields);
  }

  @Override
  public String describe() {
    return "Scan " + source.format().name().toLowerCase(java.util.Locale.ROOT) + " " + source.files().size()
        + " file(s) " + columns + (filter == null ? "" : " filter " + filter.sql());
  }

  @Override
  public boolean resolved() {
    return filter == null || filter.resolved();
  }
}
