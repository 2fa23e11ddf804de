package dev.sluice.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The DataFrame operations on rows read from newline-delimited JSON files with a declared schema. */
class TestDataFrameOperationsOnJson extends TestDataFrameOperations {
  private int sources;

  @Override
  DataFrame source(Sluice session, List<Row> rows) throws Exception {
    Path directory = Files.createTempDirectory(session.workDirectory(), "json").resolve("facts" + sources++);
    FrameRows.writeJson(directory, rows, 2);
    return session.read().schema(FrameRows.FACTS_DDL).json(directory.toString());
  }
}
