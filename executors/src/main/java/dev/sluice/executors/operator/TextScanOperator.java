package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.TextScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.executors.source.SplitLineReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the lines of its file splits into utf8 batches of up to {@code batchRows} rows, copying
 * line bytes straight into the vector (no String per line). Lines end at {@code \n}; a {@code \r}
 * before it is dropped. A split owns the lines that start inside it ({@link SplitLineReader}).
 */
public final class TextScanOperator implements Operator {
  private static final Schema SCHEMA = new Schema(
      List.of(new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)),
      Map.of("sluice.encoding", "value", "sluice.class", String.class.getName()));

  private final OperatorContext context;
  private final List<FileSplit> splits;
  private final OperatorMetrics metrics = new OperatorMetrics("TextScan");
  private int split = -1;
  private SplitLineReader lines;
  private boolean splitDone = true;

  public TextScanOperator(TextScanExec node, OperatorContext context) {
    this.context = context;
    this.splits = node.splits();
  }

  @Override
  public Batch next() {
    long start = System.nanoTime();
    try {
      while (splitDone) {
        closeLines();
        if (++split >= splits.size()) {
          return null;
        }
        lines = new SplitLineReader(splits.get(split));
        splitDone = false;
      }
      context.checkCancelled();
      VarCharVector vector = new VarCharVector("value", context.allocator());
      try {
        vector.allocateNew((long) context.batchRows() * 32, context.batchRows());
        int rows = 0;
        while (rows < context.batchRows() && !splitDone) {
          if (lines.next()) {
            vector.setSafe(rows++, lines.array(), lines.lineStart(), lines.lineLength());
          } else {
            splitDone = true;
          }
        }
        vector.setValueCount(rows);
        VectorSchemaRoot root = new VectorSchemaRoot(SCHEMA, List.of(vector), rows);
        metrics.recordOutput(rows);
        return new Batch(root);
      } catch (IOException | RuntimeException e) {
        vector.close();
        throw e;
      }
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
          "Cannot read " + splits.get(split).path() + ": " + e.getMessage(), e);
    } finally {
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  private void closeLines() {
    if (lines != null) {
      try {
        lines.close();
      } catch (IOException e) {
        // closing a read-only file cannot lose data
      }
      lines = null;
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closeLines();
    split = splits.size();
    splitDone = true;
  }
}
