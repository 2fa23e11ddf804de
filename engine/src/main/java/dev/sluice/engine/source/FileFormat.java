package dev.sluice.engine.source;

/** The file formats the columnar reader and writer handle. */
public enum FileFormat {
  /** Apache Parquet, read and written through arrow-dataset (JNI). */
  PARQUET,
  /** Delimited text with options (header, delimiter, schema or inference, mode). */
  CSV,
  /** Newline-delimited JSON objects. */
  JSON,
  /** Lines of text as one utf8 column {@code value}. */
  TEXT
}
