package dev.sluice.engine.vector.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.vector.StringData;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The civil-calendar arithmetic against {@link LocalDate} over a wide range of days. */
class TestDateKernels {
  @Test
  void testCivilFromDaysMatchesLocalDate() {
    for (long day = -1_000_000; day <= 3_000_000; day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);
      long civil = DateKernels.civilFromDays(day);
      assertThat(civil >> 9).as("year of %s", date).isEqualTo(date.getYear());
      assertThat((civil >> 5) & 15).as("month of %s", date).isEqualTo(date.getMonthValue());
      assertThat(civil & 31).as("day of %s", date).isEqualTo(date.getDayOfMonth());
      assertThat(DateKernels.daysFromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .isEqualTo(day);
    }
  }

  @Test
  void testFormatAndParseRoundTrip() {
    for (long day = -800_000; day <= 3_000_000; day += 997) {
      LocalDate date = LocalDate.ofEpochDay(day);
      StringColumnBuilder out = new StringColumnBuilder(1, 4);
      DateKernels.formatDate(day, out);
      out.endRow();
      StringData text = out.build();
      assertThat(text.getString(0)).isEqualTo(date.toString());
      byte[] bytes = date.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(DateKernels.parseDate(bytes, 0, bytes.length)).as("parse %s", date).isEqualTo(day);
    }
  }
}
