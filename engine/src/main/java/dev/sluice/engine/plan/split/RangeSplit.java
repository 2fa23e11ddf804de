package dev.sluice.engine.plan.split;

/**
 * The numbers {@code first, first + step, ...}, {@code count} of them (arithmetic wraps as Java
 * long arithmetic does).
 *
 * @param first the first number
 * @param count how many numbers, at least zero
 * @param step the distance between numbers, not zero
 */
public record RangeSplit(long first, long count, long step) implements Split {
  public RangeSplit {
    if (count < 0) {
      throw new IllegalArgumentException("count must be greater than or equal to zero, got " + count);
    }
    if (step == 0) {
      throw new IllegalArgumentException("step must not be zero");
    }
  }

  @Override
  public String describe() {
    return "range(first=" + first + ", count=" + count + ", step=" + step + ")";
  }
}
