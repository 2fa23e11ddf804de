package dev.sluice.api;

import static dev.sluice.api.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The DataFrame operations on rows written as Parquet files and read back (schema from the footers). */
class TestDataFrameOperationsOnParquet extends TestDataFrameOperations {
  private int sources;

  @Override
  DataFrame source(Sluice session, List<Row> rows) throws Exception {
    Path directory = Files.createTempDirectory(session.workDirectory(), "parquet").resolve("facts" + sources++);
    // an empty DataFrame writes no file, and a directory without files cannot be read: filter one row away
    List<Row> written = rows.isEmpty() ? FrameRows.facts(3, 1) : rows;
    session.createDataFrame(written, FrameRows.FACTS).write().parquet(directory.toString());
    DataFrame read = session.read().parquet(directory.toString());
    return rows.isEmpty() ? read.filter(col("id").lt(0)) : read;
  }
}
