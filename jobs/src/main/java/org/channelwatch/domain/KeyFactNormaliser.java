package org.channelwatch.domain;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Normalises a guide's key facts for comparison between channels (contract 1.3).
 *
 * <p>Stateless and thread-safe. Each method returns null for an absent fact, so that absence is
 * never mistaken for a difference. The indicators' {@code KeyFacts} applies the same rules.
 */
public final class KeyFactNormaliser {
  /** Unicode White_Space, which covers more than {@link Character#isWhitespace}. */
  private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");

  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private KeyFactNormaliser() {}

  /**
   * NFKC, inner runs of white space collapsed to one space, trimmed, ASCII letters lower-cased;
   * null for absent text (null or blank, as {@link org.channelwatch.domain.Guide#completeness}
   * counts presence).
   */
  public static String text(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return normalise(raw);
  }

  /**
   * The materials as the set they compare as: each entry normalised, repeats dropped, sorted. Null
   * when absent (null or an empty array).
   */
  public static String[] materials(String[] raw) {
    if (raw == null || raw.length == 0) {
      return null;
    }
    TreeSet<String> set = new TreeSet<>();
    for (String material : raw) {
      if (material != null) {
        set.add(normalise(material));
      }
    }
    return set.toArray(new String[0]);
  }

  /**
   * The fee as text, or as a canonical decimal when it is one ({@code "0.00"} becomes
   * {@code "0"}), so that equal amounts compare equal as strings.
   */
  public static String fee(String raw) {
    String normalised = text(raw);
    if (normalised == null || !DECIMAL.matcher(normalised).matches()) {
      return normalised;
    }
    return new BigDecimal(normalised).stripTrailingZeros().toPlainString();
  }

  private static String normalise(String raw) {
    String collapsed = WHITE_SPACE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll(" ");
    // After collapsing, white space at either end is a single U+0020.
    int start = collapsed.startsWith(" ") ? 1 : 0;
    int end = collapsed.length() > start && collapsed.endsWith(" ") ? collapsed.length() - 1 : collapsed.length();
    return lowerCaseAscii(collapsed.substring(start, end));
  }

  /** Only A-Z: lower-casing other scripts is not part of the contract's normalisation. */
  private static String lowerCaseAscii(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
