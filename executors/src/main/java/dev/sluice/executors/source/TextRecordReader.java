package dev.sluice.executors.source;

import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.Schema;
import java.io.IOException;

/** Reads the lines of one split as the utf8 column {@code value} (blank lines included). */
final class TextRecordReader extends LineRecordReader {
  TextRecordReader(FileSplit split, Schema source, Schema output, int batchRows) throws IOException {
    super(split, source, output, ReadOptions.parse(java.util.Map.of()), batchRows, false, false);
  }

  @Override
  boolean parseRecord(byte[] b, int from, int to) {
    if (projectedBuilders.length > 0) {
      ((ColumnBuilder.Strings) projectedBuilders[0]).append(b, from, to - from);
    }
    return true;
  }
}
