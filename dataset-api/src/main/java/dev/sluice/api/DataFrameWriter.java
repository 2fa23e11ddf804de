package dev.sluice.api;

import static java.util.Objects.requireNonNull;

/** Writes a DataFrame as Parquet or CSV files. PLACEHOLDER: to be built. */
public final class DataFrameWriter {
  private final DataFrame frame;

  DataFrameWriter(DataFrame frame) {
    this.frame = requireNonNull(frame, "frame is null");
  }
}
