package dev.sluice.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The DataFrame operations on rows read from CSV files with a declared schema. */
class TestDataFrameOperationsOnCsv extends TestDataFrameOperations {
  private int sources;

  @Override
  DataFrame source(Sluice session, List<Row> rows) throws Exception {
    Path directory = Files.createTempDirectory(session.workDirectory(), "csv");
    FrameRows.writeCsv(directory.resolve("facts" + sources++), rows, 3);
    return session.read().option("header", "true").option("delimiter", "|").schema(FrameRows.FACTS_DDL)
        .csv(directory.resolve("facts" + (sources - 1)).toString());
  }
}
