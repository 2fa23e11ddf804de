package dev.sluice.examples.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Columns of a TPC-H Parquet table loaded into plain Java arrays, for the plain-Java baselines
 * ("compute only, data preloaded" in BENCHMARKS.md): integers, dates (epoch days) and decimals
 * (unscaled longs) as {@code long[]}, strings as dictionary codes ({@code int[]} plus the
 * dictionary). Reading goes through arrow-dataset directly, not through Sluice.
 *
 * @param rows how many rows
 * @param numbers numeric, date and decimal columns by name
 * @param codes string columns by name, as indexes into {@code dictionaries}
 * @param dictionaries the distinct strings of each string column, in order of first appearance
 */
record TpchArrays(int rows, Map<String, long[]> numbers, Map<String, int[]> codes,
    Map<String, List<String>> dictionaries) {

  long[] number(String column) {
    return numbers.get(column);
  }

  int[] code(String column) {
    return codes.get(column);
  }

  /** The code of a string in a column's dictionary, or -1 when it does not occur. */
  int codeOf(String column, String value) {
    return dictionaries.get(column).indexOf(value);
  }

  /** Loads {@code columns} of every {@code *.parquet} file under {@code directory}, in file name order. */
  static TpchArrays load(Path directory, List<String> columns) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Map<String, long[]> numbers = new LinkedHashMap<>();
    Map<String, int[]> codes = new LinkedHashMap<>();
    Map<String, List<String>> dictionaries = new HashMap<>();
    Map<String, Map<String, Integer>> lookups = new HashMap<>();
    int rows = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (Path file : files) {
        try (DatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
                FileFormat.PARQUET, file.toUri().toString());
            Dataset dataset = factory.finish();
            Scanner scanner = dataset.newScan(new ScanOptions(1 << 16, Optional.of(columns.toArray(String[]::new))));
            ArrowReader reader = scanner.scanBatches()) {
          while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int count = root.getRowCount();
            for (String column : columns) {
              FieldVector vector = root.getVector(column);
              if (vector instanceof VarCharVector strings) {
                int[] out = grow(codes, column, rows + count);
                Map<String, Integer> lookup = lookups.computeIfAbsent(column, c -> new HashMap<>());
                List<String> dictionary = dictionaries.computeIfAbsent(column, c -> new ArrayList<>());
                for (int i = 0; i < count; i++) {
                  String value = new String(strings.get(i), StandardCharsets.UTF_8);
                  out[rows + i] = lookup.computeIfAbsent(value, v -> {
                    dictionary.add(v);
                    return dictionary.size() - 1;
                  });
                }
              } else {
                long[] out = growLongs(numbers, column, rows + count);
                for (int i = 0; i < count; i++) {
                  out[rows + i] = longValue(vector, i);
                }
              }
            }
            rows += count;
          }
        }
      }
    }
    int total = rows;
    numbers.replaceAll((name, values) -> Arrays.copyOf(values, total));
    codes.replaceAll((name, values) -> Arrays.copyOf(values, total));
    return new TpchArrays(rows, numbers, codes, dictionaries);
  }

  private static long longValue(FieldVector vector, int i) {
    if (vector instanceof BigIntVector v) {
      return v.get(i);
    }
    if (vector instanceof IntVector v) {
      return v.get(i);
    }
    if (vector instanceof DateDayVector v) {
      return v.get(i);
    }
    if (vector instanceof DecimalVector v) {
      return v.getDataBuffer().getLong(16L * i);
    }
    throw new IllegalArgumentException("column " + vector.getName() + " has an unexpected type "
        + vector.getField().getType());
  }

  private static long[] growLongs(Map<String, long[]> arrays, String column, int size) {
    long[] current = arrays.get(column);
    if (current == null || current.length < size) {
      current = current == null ? new long[Math.max(size, 1 << 16)]
          : Arrays.copyOf(current, Math.max(size, current.length * 2));
      arrays.put(column, current);
    }
    return current;
  }

  private static int[] grow(Map<String, int[]> arrays, String column, int size) {
    int[] current = arrays.get(column);
    if (current == null || current.length < size) {
      current = current == null ? new int[Math.max(size, 1 << 16)]
          : Arrays.copyOf(current, Math.max(size, current.length * 2));
      arrays.put(column, current);
    }
    return current;
  }
}
