package dev.sluice.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The DataFrame operations on rows written as Parquet files and read back (schema from the footers). */
class TestDataFrameOperationsOnParquet extends TestDataFrameOperations {
  private int sources;

  @Override
  DataFrame source(Sluice session, List<Row> rows) throws Exception {
    Path directory = Files.createTempDirectory(session.workDirectory(), "parquet").resolve("facts" + sources++);
    session.createDataFrame(rows, FrameRows.FACTS).write().parquet(directory.toString());
    return session.read().parquet(directory.toString());
  }
}
