package dev.sluice.executors.source;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Runs a FileScanOperator over splits of a resolved source and collects its rows as Java objects. */
final class ScanHarness {
  private ScanHarness() {}

  /** The source's columns named, in that order. */
  static Schema project(FileSource source, String... columns) {
    List<Field> fields = new ArrayList<>();
    for (String column : columns) {
      fields.add(source.schema().fields().stream().filter(f -> f.name().equals(column)).findFirst().orElseThrow());
    }
    return new Schema(fields);
  }

  /** One split per file, whole files. */
  static List<FileSplit> wholeFiles(FileSource source) {
    List<FileSplit> splits = new ArrayList<>();
    for (int i = 0; i < source.files().size(); i++) {
      splits.add(new FileSplit(source.files().get(i), 0, source.fileSizes().get(i)));
    }
    return splits;
  }

  static List<List<Object>> read(FileSource source, Schema schema, List<FileSplit> splits, Expression filter,
      BufferAllocator allocator, int batchRows) {
    return run(source, schema, splits, filter, allocator, batchRows).rows();
  }

  static List<List<Object>> read(FileSource source, Schema schema, BufferAllocator allocator) {
    return read(source, schema, wholeFiles(source), null, allocator, 7);
  }

  static List<List<Object>> readAll(FileSource source, BufferAllocator allocator) {
    return read(source, source.schema(), allocator);
  }

  /** Rows plus the operator's dropped-record count. */
  record Result(List<List<Object>> rows, long dropped, long batches) {}

  static Result run(FileSource source, Schema schema, List<FileSplit> splits, Expression filter,
      BufferAllocator allocator, int batchRows) {
    FileScanExec node = new FileScanExec(new PlanNodeId(1), source, splits, schema, filter);
    List<List<Object>> rows = new ArrayList<>();
    try (FileScanOperator operator = new FileScanOperator(node,
        OperatorContext.of("test", allocator, batchRows, batchRows))) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        try (Batch owned = batch) {
          if (!owned.root().getSchema().getFields().equals(schema.toArrow().getFields())) {
            throw new AssertionError("batch schema " + owned.root().getSchema() + ", expected " + schema.toArrow());
          }
          VectorBatch columns = ArrowColumns.read(owned);
          for (int r = 0; r < columns.rowCount(); r++) {
            Object[] row = new Object[columns.columns().size()];
            for (int c = 0; c < row.length; c++) {
              row[c] = columns.column(c).getObject(r);
            }
            rows.add(Arrays.asList(row));
          }
        }
      }
      Result result = new Result(rows, operator.metrics().droppedRecords(), operator.metrics().batchesOut());
      Result vectors = runVectors(node, allocator, batchRows);
      if (!vectors.equals(result)) {
        throw new AssertionError("read as Java arrays " + vectors + ", as Arrow " + result);
      }
      return result;
    }
  }

  /** The same scan read through {@link FileScanOperator#nextVectors()}. */
  private static Result runVectors(FileScanExec node, BufferAllocator allocator, int batchRows) {
    List<List<Object>> rows = new ArrayList<>();
    try (FileScanOperator operator = new FileScanOperator(node,
        OperatorContext.of("test", allocator, batchRows, batchRows))) {
      for (VectorBatch columns = operator.nextVectors(); columns != null; columns = operator.nextVectors()) {
        if (columns.rowCount() == 0 || !columns.schema().equals(node.schema())) {
          throw new AssertionError("vector batch of " + columns.rowCount() + " rows, schema " + columns.schema());
        }
        for (int r = 0; r < columns.rowCount(); r++) {
          Object[] row = new Object[columns.columns().size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = columns.column(c).getObject(r);
          }
          rows.add(Arrays.asList(row));
        }
      }
      return new Result(rows, operator.metrics().droppedRecords(), operator.metrics().batchesOut());
    }
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
