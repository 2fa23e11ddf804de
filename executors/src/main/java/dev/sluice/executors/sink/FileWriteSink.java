package dev.sluice.executors.sink;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-task half of {@code df.write()} ({@link TaskSink.WriteFiles}): drains the task's batches
 * into Parquet or CSV files in the job's staging directory, one directory level per partition
 * column ({@link PartitionDirectories}; those columns are left out of the files), and answers the
 * relative paths of the files it wrote, UTF-8, one per line. A partition with no rows writes no
 * file. The driver moves only the answered files of successful attempts into the target.
 */
public final class FileWriteSink implements ResultSink {
  /** Most bytes of rows a Parquet-writing task buffers before it writes a file early. */
  static final long MAX_PARQUET_BUFFER_BYTES = 128L << 20;

  private final TaskSink.WriteFiles spec;
  private final int partition;
  private final int attempt;
  private long rows;
  private String[] escapedNames;
  private int[] dataColumns;
  private Schema dataSchema;

  /**
   * @param spec what to write where
   * @param partition the task's partition (names its files)
   * @param attempt the task's attempt (names its files)
   */
  public FileWriteSink(TaskSink.WriteFiles spec, int partition, int attempt) {
    this.spec = requireNonNull(spec, "spec is null");
    this.partition = partition;
    this.attempt = attempt;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    StagingFiles files = new StagingFiles(Path.of(spec.stagingDirectory()), partition, attempt,
        spec.format() == FileFormat.PARQUET ? "parquet" : "csv");
    try (FileOutput output = output(files, context)) {
      while (true) {
        context.checkCancelled();
        Batch batch = input.next();
        if (batch == null) {
          break;
        }
        if (batch.rowCount() == 0) {
          batch.close();
          continue;
        }
        rows += batch.rowCount();
        if (spec.partitionColumns().isEmpty()) {
          output.append("", batch);
        } else {
          appendPartitioned(output, batch);
        }
      }
      output.finish();
    }
    return files.answer();
  }

  private FileOutput output(StagingFiles files, OperatorContext context) {
    if (spec.format() == FileFormat.CSV) {
      return new CsvOutput(files, CsvWriteOptions.parse(spec.options()));
    }
    return new ParquetOutput(files, context.allocator(), context.spillDirectory(),
        Math.min(context.memoryBudgetBytes(), MAX_PARQUET_BUFFER_BYTES), context.taskName());
  }

  /** Splits the batch's rows by their partition directory (in order of first appearance). */
  private void appendPartitioned(FileOutput output, Batch batch) {
    VectorBatch all;
    try (batch) {
      all = ArrowColumns.read(batch);
    }
    if (escapedNames == null) {
      prepare(all.schema());
    }
    List<Integer> partitionColumns = spec.partitionColumns();
    List<ColumnData> columns = new ArrayList<>(dataColumns.length);
    for (int column : dataColumns) {
      columns.add(all.column(column));
    }
    VectorBatch data = new VectorBatch(dataSchema, columns, all.rowCount());
    Map<String, Selection> directories = new LinkedHashMap<>();
    for (int row = 0; row < all.rowCount(); row++) {
      directories.computeIfAbsent(PartitionDirectories.of(all, partitionColumns, escapedNames, row),
          directory -> new Selection()).add(row);
    }
    for (Map.Entry<String, Selection> directory : directories.entrySet()) {
      Selection selection = directory.getValue();
      output.append(directory.getKey(), selection.count == all.rowCount() ? data
          : data.gather(selection.rows, selection.count));
    }
  }

  private void prepare(Schema schema) {
    List<Field> fields = schema.fields();
    List<Integer> partitionColumns = spec.partitionColumns();
    escapedNames = new String[partitionColumns.size()];
    for (int i = 0; i < partitionColumns.size(); i++) {
      int column = partitionColumns.get(i);
      if (column < 0 || column >= fields.size()) {
        throw new EngineException(ErrorCode.INTERNAL, "Partition column index " + column + " is outside the "
            + fields.size() + " input columns " + schema + "; this is a bug");
      }
      escapedNames[i] = PartitionDirectories.escape(fields.get(column).name());
    }
    List<Field> data = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      if (!partitionColumns.contains(c)) {
        data.add(fields.get(c));
        indexes.add(c);
      }
    }
    dataSchema = new Schema(data);
    dataColumns = indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Row numbers of one directory within a batch. */
  private static final class Selection {
    private int[] rows = new int[16];
    private int count;

    void add(int row) {
      if (count == rows.length) {
        rows = Arrays.copyOf(rows, count * 2);
      }
      rows[count++] = row;
    }
  }
}
