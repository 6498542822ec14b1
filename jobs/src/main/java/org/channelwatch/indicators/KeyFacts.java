package org.channelwatch.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.KeyFactNormaliser;

/**
 * Compares the key facts of two guides (contract 1.3): the elements an applicant acts on, which
 * every channel publishing an item must agree on.
 *
 * <p>Stateless and thread-safe. A key fact missing on either side is a completeness gap, not a
 * difference, so it never makes two guides differ.
 */
public final class KeyFacts {

  /** The key facts, in the order differences are reported. */
  public static final List<String> FIELDS = List.of("conditions", "materials", "timeLimitDays", "fee");


  private KeyFacts() {}

  /**
   * The text as it is compared (contract 1.3, by {@link KeyFactNormaliser}): NFKC-normalised,
   * inner runs of Unicode white space collapsed to one space, trimmed, ASCII letters lower-cased.
   */
  public static String normalise(String text) {
    String normalised = KeyFactNormaliser.text(text);
    return normalised == null ? "" : normalised;
  }

  /** The materials as the set they are compared as: normalised, distinct and sorted. */
  public static String[] normaliseMaterials(String[] materials) {
    String[] normalised = KeyFactNormaliser.materials(materials);
    return normalised == null ? new String[0] : normalised;
  }

  /** Whether two present fees agree: as numbers when both are plain decimals, else as text. */
  public static boolean sameFee(String a, String b) {
    return Objects.equals(KeyFactNormaliser.fee(a), KeyFactNormaliser.fee(b));
  }

  /** Whether two present texts (such as {@code conditions}) agree once normalised. */
  public static boolean sameText(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  /** Whether two present lists of materials are the same set once normalised. */
  public static boolean sameMaterials(String[] a, String[] b) {
    return Arrays.equals(normaliseMaterials(a), normaliseMaterials(b));
  }

  /**
   * The key facts present in both guides that differ, in the order of {@link #FIELDS}; empty when
   * the guides agree.
   */
  public static List<String> differingFields(Guide a, Guide b) {
    return differingFields(Normalised.of(a), Normalised.of(b));
  }

  /** As {@link #differingFields(Guide, Guide)}, for key facts normalised once beforehand. */
  public static List<String> differingFields(Normalised a, Normalised b) {
    List<String> differing = new ArrayList<>(FIELDS.size());
    if (a.conditions != null && b.conditions != null && !a.conditions.equals(b.conditions)) {
      differing.add("conditions");
    }
    if (a.materials != null && b.materials != null && !Arrays.equals(a.materials, b.materials)) {
      differing.add("materials");
    }
    if (a.timeLimitDays != null && b.timeLimitDays != null && !Objects.equals(a.timeLimitDays, b.timeLimitDays)) {
      differing.add("timeLimitDays");
    }
    if (a.feePresent && b.feePresent && !Objects.equals(a.fee, b.fee)) {
      differing.add("fee");
    }
    return differing;
  }

  /**
   * One guide's key facts as they are compared: each present fact normalised ({@link #normalise},
   * {@link #normaliseMaterials}, the fee as {@link #sameFee} compares it), null where absent.
   * Normalising costs far more than comparing, and an item compares each channel with every other,
   * several times per change: normalised once, each is compared many times.
   */
  public record Normalised(String conditions, String[] materials, Long timeLimitDays, boolean feePresent, String fee) {
    public static Normalised of(Guide guide) {
      return new Normalised(
          isPresent(guide.conditions) ? normalise(guide.conditions) : null,
          isPresent(guide.materials) ? normaliseMaterials(guide.materials) : null,
          guide.timeLimitDays,
          isPresent(guide.fee),
          isPresent(guide.fee) ? KeyFactNormaliser.fee(guide.fee) : null);
    }
  }

  /** A guide holding only the key facts of {@code guide}, the rest null: what an item keeps per channel. */
  public static Guide keyFactsOf(Guide guide) {
    Guide facts = new Guide();
    facts.conditions = guide.conditions;
    facts.materials = guide.materials == null ? null : guide.materials.clone();
    facts.timeLimitDays = guide.timeLimitDays;
    facts.fee = guide.fee;
    return facts;
  }

  // Presence as contract 1.3 and Guide#completeness define it.
  static boolean isPresent(String text) {
    return text != null && !text.isBlank();
  }

  static boolean isPresent(String[] list) {
    return list != null && list.length > 0;
  }
}
