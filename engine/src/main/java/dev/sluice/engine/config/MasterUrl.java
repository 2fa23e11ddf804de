package dev.sluice.engine.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code sluice.master}: where jobs run. Now only local mode exists: {@code local} (one
 * slot), {@code local[N]} (N slots) and {@code local[*]} (one slot per available processor).
 *
 * @param slots the number of tasks that may run at once
 */
public record MasterUrl(int slots) {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)\\])?");

  public MasterUrl {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
  }

  /** Parses a master URL, failing with a message that lists the accepted forms. */
  public static MasterUrl parse(String master) {
    Matcher matcher = LOCAL.matcher(master == null ? "" : master.trim());
    if (!matcher.matches()) {
      throw SluiceConfig.invalid(SluiceConfig.MASTER, master,
          "local, local[N] with N >= 1, or local[*] (cluster masters come with cluster mode)");
    }
    String n = matcher.group(1);
    if (n == null) {
      return new MasterUrl(1);
    }
    if (n.equals("*")) {
      return new MasterUrl(Runtime.getRuntime().availableProcessors());
    }
    int slots;
    try {
      slots = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      slots = 0;
    }
    if (slots < 1) {
      throw SluiceConfig.invalid(SluiceConfig.MASTER, master, "local[N] with N between 1 and 2147483647");
    }
    return new MasterUrl(slots);
  }

  @Override
  public String toString() {
    return "local[" + slots + "]";
  }
}
