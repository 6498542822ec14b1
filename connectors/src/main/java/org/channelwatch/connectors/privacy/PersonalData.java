package org.channelwatch.connectors.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and masks personal data: PRC resident identity numbers and mainland mobile numbers
 * (contract 1.4).
 *
 * <p>Masking keeps the last four characters so that an operator can still tell two values apart,
 * and replaces the rest with {@code *}. It lives with the connectors because both the intake and
 * the Elasticsearch sink (for documents it refuses) write excerpts of what they reject.
 */
public final class PersonalData {

  private static final Pattern IDENTITY_NUMBER = Pattern.compile("[0-9]{17}[0-9Xx]");
  private static final Pattern MOBILE_NUMBER = Pattern.compile("1[0-9]{10}");
  /**
   * Either kind standing alone inside a longer text. The look-arounds use the applicantId
   * alphabet, so that a number embedded in a longer token (such as a case id) is left alone while
   * one quoted in JSON is found.
   */
  private static final Pattern EMBEDDED =
      Pattern.compile("(?<![A-Za-z0-9_-])([0-9]{17}[0-9Xx]|1[0-9]{10})(?![A-Za-z0-9_-])");

  private PersonalData() {}

  /** True when the value, as a whole, is an identity number or a mobile number. */
  public static boolean isPersonal(String value) {
    return value != null
        && (IDENTITY_NUMBER.matcher(value).matches() || MOBILE_NUMBER.matcher(value).matches());
  }

  /** All but the last four characters replaced by {@code *}. */
  public static String mask(String value) {
    int keep = Math.min(4, value.length());
    return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
  }

  /** The text with every identity or mobile number in it masked. */
  public static String maskAll(String text) {
    Matcher matcher = EMBEDDED.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder masked = new StringBuilder(text.length());
    do {
      matcher.appendReplacement(masked, Matcher.quoteReplacement(mask(matcher.group(1))));
    } while (matcher.find());
    matcher.appendTail(masked);
    return masked.toString();
  }

  /**
   * The first {@code maxChars} characters (code points) of {@code text} with personal data masked.
   * Masking runs on the whole text before cutting, so that a number cut at the boundary cannot
   * slip through half-masked.
   */
  public static String maskedExcerpt(String text, int maxChars) {
    String masked = maskAll(text);
    if (masked.codePointCount(0, masked.length()) <= maxChars) {
      return masked;
    }
    return masked.substring(0, masked.offsetByCodePoints(0, maxChars));
  }
}
