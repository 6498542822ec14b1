package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The quick timestamp reader agrees with the careful one wherever it answers, and answers for the usual shape. */
class Rfc3339Test {
  private static final Pattern SHAPE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})");

  /** What intake did before the quick path: null where it rejects the time. */
  private static Instant careful(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(upper).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Property(tries = 1000)
  void answersOnlyWhatTheCarefulReaderAnswersTheSame(@ForAll("timestamps") String text) {
    Instant quick = Rfc3339.parse(text);
    if (quick != null) {
      assertThat(quick).isEqualTo(careful(text));
    }
  }

  @Property(tries = 1000)
  void readsEveryValidTimestampOfTheUsualShape(@ForAll("validTimestamps") String text) {
    assertThat(careful(text)).isNotNull();
    assertThat(Rfc3339.parse(text)).isEqualTo(careful(text));
  }

  @Example
  void readsTheContractsExample() {
    assertThat(Rfc3339.parse("2026-11-25T08:00:01.250+08:00")).isEqualTo(Instant.parse("2026-11-25T00:00:01.250Z"));
  }

  @Provide
  Arbitrary<String> timestamps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 10_000).map(y -> String.format("%04d", y % 10_000)),
            Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32),
            Arbitraries.integers().between(0, 25),
            Arbitraries.integers().between(0, 61),
            Arbitraries.integers().between(0, 61),
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(11),
            Arbitraries.of("Z", "z", "+08:00", "-05:30", "+18:00", "-18:01", "+19:00", "+05:60", "+0800", "", "Z ", "+8:00"))
        .as((year, month, day, hour, minute, second, fraction, offset) ->
            year + "-" + two(month) + "-" + two(day) + "T" + two(hour) + ":" + two(minute) + ":" + two(second)
                + (fraction.isEmpty() ? "" : "." + fraction) + offset)
        .injectDuplicates(0.01);
  }

  @Provide
  Arbitrary<String> validTimestamps() {
    Arbitrary<String> dates =
        Combinators.combine(
                Arbitraries.integers().between(2000, 2100), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28))
            .as((year, month, day) -> year + "-" + two(month) + "-" + two(day));
    return Combinators.combine(
            dates,
            Arbitraries.of("T", "t"),
            Arbitraries.integers().between(0, 23),
            Arbitraries.integers().between(0, 59),
            Arbitraries.integers().between(0, 59),
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(9),
            Arbitraries.of("Z", "z", "+08:00", "-05:30", "+18:00", "-00:00"))
        .as((date, t, hour, minute, second, fraction, offset) ->
            date + t + two(hour) + ":" + two(minute) + ":" + two(second) + (fraction.isEmpty() ? "" : "." + fraction) + offset);
  }

  private static String two(int value) {
    return String.format("%02d", value % 100);
  }
}
