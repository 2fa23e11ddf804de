package dev.sluice.executors.sink;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Seeded random rows of every writable type (with nulls and awkward strings), and a Parquet reader. */
final class WriteTestData {
  static final Schema SCHEMA = new Schema(List.of(
      new Field("id", DataType.INT64),
      new Field("small", DataType.INT32),
      new Field("ratio", DataType.FLOAT64),
      new Field("flag", DataType.BOOLEAN),
      new Field("name", DataType.UTF8),
      new Field("day", DataType.DATE32),
      new Field("price", DataType.decimal(15, 2))));

  /** Strings a CSV writer must quote, or must not: delimiters, quotes, line breaks, empty, non-ASCII. */
  static final List<String> STRINGS = List.of("plain", "a,b", "a|b", "say \"hi\"", "line\nbreak", "cr\rx", "",
      "grüße", " padded ", "back\\slash", "x=1/y", "50%");

  private WriteTestData() {}

  /** {@code rows} rows starting at id {@code firstId}; about one value in seven is null. */
  static VectorBatch rows(Random random, long firstId, int rows) {
    long[] ids = new long[rows];
    long[] small = new long[rows];
    double[] ratio = new double[rows];
    boolean[] flag = new boolean[rows];
    long[] day = new long[rows];
    long[] price = new long[rows];
    boolean[][] nulls = new boolean[7][rows];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] offsets = new int[rows + 1];
    for (int i = 0; i < rows; i++) {
      ids[i] = firstId + i;
      small[i] = random.nextInt(2001) - 1000;
      ratio[i] = random.nextInt(10) == 0 ? 1e10 * random.nextDouble() : random.nextDouble() * 100 - 50;
      flag[i] = random.nextBoolean();
      day[i] = random.nextInt(20000) - 1000;
      price[i] = random.nextLong() % 1_000_000_000_00L;
      byte[] name = STRINGS.get(random.nextInt(STRINGS.size())).getBytes(StandardCharsets.UTF_8);
      for (int c = 1; c < 7; c++) {
        nulls[c][i] = random.nextInt(7) == 0;
      }
      if (!nulls[4][i]) {
        bytes.write(name, 0, name.length);
      }
      offsets[i + 1] = bytes.size();
    }
    List<ColumnData> columns = List.of(
        new LongData(DataType.INT64, ids, null, rows),
        new LongData(DataType.INT32, small, nulls[1], rows),
        new DoubleData(ratio, nulls[2], rows),
        new BoolData(flag, nulls[3], rows),
        new StringData(bytes.toByteArray(), offsets, nulls[4], rows),
        new LongData(DataType.DATE32, day, nulls[5], rows),
        new LongData(DataType.decimal(15, 2), price, nulls[6], rows));
    return new VectorBatch(SCHEMA, columns, rows);
  }

  /** Batches of random sizes (one of them empty) holding {@code total} rows. */
  static List<VectorBatch> batches(long seed, int total) {
    Random random = new Random(seed);
    List<VectorBatch> batches = new ArrayList<>();
    long id = 0;
    batches.add(rows(random, id, 0));
    while (id < total) {
      int size = (int) Math.min(total - id, 1 + random.nextInt(700));
      batches.add(rows(random, id, size));
      id += size;
    }
    return batches;
  }

  /** The rows as lists of {@link ColumnData#getObject} values. */
  static List<List<Object>> objects(List<VectorBatch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (VectorBatch batch : batches) {
      for (int row = 0; row < batch.rowCount(); row++) {
        Object[] values = new Object[batch.columns().size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = batch.column(c).getObject(row);
        }
        rows.add(Arrays.asList(values));
      }
    }
    return rows;
  }

  /** The column names and rows of a Parquet file (or directory), read back through arrow-dataset. */
  static List<List<Object>> readParquet(String uri, BufferAllocator allocator, List<String> names) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (FileSystemDatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
            FileFormat.PARQUET, uri);
        Dataset dataset = factory.finish();
        Scanner scanner = dataset.newScan(new ScanOptions(4096));
        ArrowReader reader = scanner.scanBatches()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      names.clear();
      root.getSchema().getFields().forEach(field -> names.add(field.getName()));
      while (reader.loadNextBatch()) {
        List<ColumnData> columns = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          columns.add(ArrowColumns.read(vector, root.getRowCount()));
        }
        for (int row = 0; row < root.getRowCount(); row++) {
          Object[] values = new Object[columns.size()];
          for (int c = 0; c < values.length; c++) {
            values[c] = columns.get(c).getObject(row);
          }
          rows.add(Arrays.asList(values));
        }
      }
    }
    return rows;
  }
}
