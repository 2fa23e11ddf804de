package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections behind the column-shaping DataFrame calls ({@code select}, {@code withColumn},
 * {@code withColumnRenamed}, {@code toDF(names)}, {@code drop}), and which input columns an
 * analyzed node passes through (so that qualified references keep working after it).
 */
final class Projections {
  private Projections() {}

  /** The expressions of {@code select}: stars ({@code *}, {@code o.*}) expand, qualifiers resolve. */
  static List<Expression> select(List<Column> columns, Schema schema, ColumnScopes scopes, Origin origin) {
    List<Expression> projections = new ArrayList<>();
    for (Column column : columns) {
      Expression raw = Column.toExpression(requireNonNull(column, "column is null"));
      if (raw instanceof ColumnRef ref && ref.name().equals("*")) {
        if (ref.qualifier() != null && !scopes.knows(ref.qualifier())) {
          throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Cannot expand '" + ref.sql()
              + "': no DataFrame here is called '" + ref.qualifier() + "' (" + origin + ")");
        }
        List<String> names = ref.qualifier() == null ? TypedColumns.names(schema) : scopes.columnsOf(ref.qualifier());
        names.forEach(name -> projections.add(new ColumnRef(null, name)));
      } else {
        projections.add(scopes.rewrite(raw, null));
      }
    }
    return projections;
  }

  /** Every column, with {@code name} computed by {@code value} (in place of a column of that name, else last). */
  static List<Expression> withColumn(Schema schema, String name, Expression value) {
    Expression named = new Alias(value, name);
    List<Expression> projections = new ArrayList<>();
    boolean replaced = false;
    for (Field field : schema.fields()) {
      if (field.name().equals(name)) {
        projections.add(named);
        replaced = true;
      } else {
        projections.add(new ColumnRef(null, field.name()));
      }
    }
    if (!replaced) {
      projections.add(named);
    }
    return projections;
  }

  /** Every column, {@code existing} named {@code newName}; null when there is no such column. */
  static List<Expression> renamed(Schema schema, String existing, String newName) {
    if (schema.fields().stream().noneMatch(f -> f.name().equals(existing))) {
      return null;
    }
    List<Expression> projections = new ArrayList<>();
    for (Field field : schema.fields()) {
      ColumnRef ref = new ColumnRef(null, field.name());
      projections.add(field.name().equals(existing) ? new Alias(ref, newName) : ref);
    }
    return projections;
  }

  /** Every column under a new name, in order. */
  static List<Expression> renamedAll(Schema schema, String[] names, Origin origin) {
    List<Field> fields = schema.fields();
    if (names.length != fields.size()) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "toDF got " + names.length + " names for the "
          + fields.size() + " columns " + TypedColumns.names(schema) + " (" + origin + ")");
    }
    List<Expression> projections = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      projections.add(new Alias(new ColumnRef(null, fields.get(i).name()), requireNonNull(names[i], "name is null")));
    }
    return projections;
  }

  /** Every column but {@code dropped}; null when none of them is a column. */
  static List<Expression> without(Schema schema, List<String> dropped) {
    List<Expression> projections = new ArrayList<>();
    for (Field field : schema.fields()) {
      if (!dropped.contains(field.name())) {
        projections.add(new ColumnRef(null, field.name()));
      }
    }
    return projections.size() == schema.fields().size() ? null : projections;
  }

  /**
   * Which input columns an analyzed node passes through and under which names: a projection's or
   * aggregate's plain column references (possibly renamed), else every input column that keeps
   * its name.
   */
  static Map<String, String> passedThrough(Schema input, Relation analyzed) {
    List<Expression> outputs = analyzed instanceof ProjectRelation project ? project.projections()
        : analyzed instanceof AggregateRelation aggregate ? aggregate.outputs() : null;
    Map<String, String> renames = new LinkedHashMap<>();
    List<Field> produced = analyzed.schema().fields();
    if (outputs == null) {
      for (Field field : input.fields()) {
        if (produced.stream().anyMatch(f -> f.name().equals(field.name()))) {
          renames.put(field.name(), field.name());
        }
      }
      return renames;
    }
    for (int i = 0; i < outputs.size(); i++) {
      Expression output = outputs.get(i) instanceof Alias a ? a.child() : outputs.get(i);
      if (output instanceof BoundRef ref && ref.index() < input.fields().size()) {
        renames.putIfAbsent(input.fields().get(ref.index()).name(), produced.get(i).name());
      }
    }
    return renames;
  }
}
