package dev.sluice.gpu.cuda;

import java.util.Locale;

/**
 * The values of the {@value #PROPERTY} setting, which decides whether Sluice looks for a GPU.
 *
 * <p>The setting is read from the system property of the same name; when it is not set, it is
 * {@link #AUTO}.
 */
public enum GpuEnabled {
  /** Probe for a GPU and use it if one is usable; when none is, say why at INFO level. */
  AUTO,
  /** Probe for a GPU and use it; when none is usable, say why at WARN level (one was asked for). */
  TRUE,
  /** Do not probe; JCuda is never loaded. */
  FALSE;

  /** The name of the setting, also the name of the system property it is read from. */
  public static final String PROPERTY = "sluice.gpu.enabled";

  /**
   * The value named by {@code setting}, ignoring case and surrounding blanks; {@code null} (the
   * setting is absent) is {@link #AUTO}.
   *
   * @throws IllegalArgumentException when {@code setting} is not auto, true or false
   */
  public static GpuEnabled parse(String setting) {
    if (setting == null) {
      return AUTO;
    }
    String value = setting.trim().toLowerCase(Locale.ROOT);
    if (value.equals("auto")) {
      return AUTO;
    }
    if (value.equals("true")) {
      return TRUE;
    }
    if (value.equals("false")) {
      return FALSE;
    }
    throw new IllegalArgumentException(
        "%s must be auto, true or false, not '%s'".formatted(PROPERTY, setting));
  }
}
