package dev.sluice.executors.source;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.VectorProducer;
import java.io.IOException;
import java.util.List;

/**
 * Reads the splits of a {@link FileScanExec} (one per task, normally) as Arrow batches with exactly
 * the node's columns, and applies the node's filter to each batch before handing it on (batches
 * the filter empties are not handed on).
 *
 * <p>Parquet goes through arrow-dataset with the column projection pushed into the native scan
 * ({@link ParquetSplitReader}). CSV, JSON and text are parsed here from bytes, line-aligned byte
 * ranges ({@link SplitLineReader}), only projected columns materialized ({@link CsvRecordReader},
 * {@link JsonRecordReader}, {@link TextRecordReader}). Batches hold up to
 * {@link OperatorContext#longBatchRows()} rows: columnar kernels work best on large batches. Malformed
 * records dropped under DROPMALFORMED are counted in {@link OperatorMetrics#droppedRecords()} and in the
 * task's counters, which its metrics report to the scheduler. A consumer in the same task may take
 * the batches as Java arrays instead ({@link VectorProducer}).
 */
public final class FileScanOperator implements Operator, VectorProducer {
  private final FileSource source;
  private final List<FileSplit> splits;
  private final Schema schema;
  private final OperatorContext context;
  private final CompiledExpression filter;
  private final ReadOptions options;
  private final int batchRows;
  private final OperatorMetrics metrics = new OperatorMetrics("FileScan");
  private int split = -1;
  private ParquetSplitReader parquet;
  private LineRecordReader lines;
  private long droppedCounted;

  public FileScanOperator(FileScanExec node, OperatorContext context) {
    this.source = node.source();
    this.splits = node.splits();
    this.schema = node.schema();
    this.context = context;
    this.batchRows = context.longBatchRows();
    this.options = source.format() == FileFormat.CSV || source.format() == FileFormat.JSON
        ? ReadOptions.parse(ReadOptions.normalize(source.options()))
        : null;
    this.filter = node.filter() == null ? null : ExpressionEvaluator.compile(node.filter());
  }

  @Override
  public Batch next() {
    long start = System.nanoTime();
    try {
      while (true) {
        if (parquet == null && lines == null && !openNextSplit()) {
          return null;
        }
        context.checkCancelled();
        Batch batch = parquet != null ? nextParquet() : nextLines();
        if (batch == null) {
          closeReaders();
          continue;
        }
        if (batch.rowCount() == 0) {
          batch.close();
          continue;
        }
        metrics.recordOutput(batch.rowCount());
        return batch;
      }
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
          "Cannot read " + splits.get(split).path() + ": " + e.getMessage(), e);
    } finally {
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  /**
   * The next non-empty batch, filtered, as Java arrays: Parquet columns are read straight from the
   * imported buffers and nothing is written to Arrow (for a consumer in the same task).
   */
  @Override
  public VectorBatch nextVectors() {
    long start = System.nanoTime();
    try {
      while (true) {
        if (parquet == null && lines == null && !openNextSplit()) {
          return null;
        }
        context.checkCancelled();
        VectorBatch columns = parquet != null ? parquet.nextVectors() : nextLineVectors();
        if (columns == null) {
          closeReaders();
          continue;
        }
        if (filter != null && columns.rowCount() > 0) {
          int[] selected = select(columns);
          if (selected.length < columns.rowCount()) {
            columns = columns.gather(selected, selected.length);
          }
        }
        if (columns.rowCount() == 0) {
          continue;
        }
        metrics.recordOutput(columns.rowCount());
        return columns;
      }
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
          "Cannot read " + splits.get(split).path() + ": " + e.getMessage(), e);
    } finally {
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  private VectorBatch nextLineVectors() throws IOException {
    VectorBatch columns = lines.next();
    long dropped = lines.dropped();
    metrics.addDroppedRecords(dropped - droppedCounted);
    context.counters().addDroppedRecords(dropped - droppedCounted);
    droppedCounted = dropped;
    return columns;
  }

  private boolean openNextSplit() throws IOException {
    if (++split >= splits.size()) {
      split = splits.size();
      return false;
    }
    FileSplit fileSplit = splits.get(split);
    switch (source.format()) {
      case PARQUET -> parquet = new ParquetSplitReader(fileSplit, schema, context.allocator(), batchRows);
      case CSV -> lines = new CsvRecordReader(fileSplit, source.schema(), schema, options, batchRows);
      case JSON -> lines = new JsonRecordReader(fileSplit, source.schema(), schema, options, batchRows);
      case TEXT -> lines = new TextRecordReader(fileSplit, source.schema(), schema, batchRows);
    }
    droppedCounted = 0;
    return true;
  }

  private Batch nextParquet() throws IOException {
    Batch batch = parquet.next();
    if (batch == null || filter == null) {
      return batch;
    }
    try {
      VectorBatch columns = ArrowColumns.read(batch);
      int[] selected = select(columns);
      if (selected.length == columns.rowCount()) {
        return batch;
      }
      try (Batch input = batch) {
        return ArrowColumns.write(columns.gather(selected, selected.length), context.allocator());
      }
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
  }

  private Batch nextLines() throws IOException {
    VectorBatch columns = nextLineVectors();
    if (columns == null) {
      return null;
    }
    if (filter != null) {
      int[] selected = select(columns);
      if (selected.length < columns.rowCount()) {
        columns = columns.gather(selected, selected.length);
      }
    }
    return ArrowColumns.write(columns, context.allocator());
  }

  private int[] select(VectorBatch columns) {
    ColumnData result = filter.evaluate(columns);
    return ((BoolData) result).selectTrue();
  }

  private void closeReaders() {
    if (parquet != null) {
      ParquetSplitReader closing = parquet;
      parquet = null;
      closing.close();
    }
    if (lines != null) {
      LineRecordReader closing = lines;
      lines = null;
      try {
        closing.close();
      } catch (IOException e) {
        // closing a read-only file cannot lose data
      }
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    split = splits.size();
    closeReaders();
  }
}
