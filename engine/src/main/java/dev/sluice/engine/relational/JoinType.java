package dev.sluice.engine.relational;

/** The join types of {@code DataFrame.join}, with the names Spark accepts for them. */
public enum JoinType {
  INNER("inner"),
  LEFT_OUTER("left"),
  RIGHT_OUTER("right"),
  FULL_OUTER("full"),
  LEFT_SEMI("left_semi"),
  LEFT_ANTI("left_anti");

  private final String displayName;

  JoinType(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** Whether the output has only the left side's columns. */
  public boolean leftOnly() {
    return this == LEFT_SEMI || this == LEFT_ANTI;
  }

  /**
   * The join type for a Spark name ({@code inner, left, left_outer, leftouter, right, right_outer,
   * full, outer, full_outer, fullouter, semi, left_semi, leftsemi, anti, left_anti, leftanti}).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static JoinType fromName(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT).replace("_", "")) {
      case "inner" -> INNER;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "full", "outer", "fullouter" -> FULL_OUTER;
      case "semi", "leftsemi" -> LEFT_SEMI;
      case "anti", "leftanti" -> LEFT_ANTI;
      default -> throw new IllegalArgumentException("Unknown join type '" + name
          + "'; expected one of inner, left, right, full, left_semi, left_anti (or their _outer forms)");
    };
  }
}
