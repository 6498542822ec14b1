package org.channelwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class KeyFactNormaliserTest {

  @Test
  void foldsWidthCaseAndWhiteSpace() {
    assertThat(KeyFactNormaliser.text("  ＩＤ　Card\t\n copy ")).isEqualTo("id card copy");
    assertThat(KeyFactNormaliser.text("身份证\u00A0原件")).isEqualTo("身份证 原件");
  }

  @Test
  void treatsAbsenceAsGuideCompletenessDoes() {
    assertThat(KeyFactNormaliser.text(null)).isNull();
    assertThat(KeyFactNormaliser.text(" \u3000\t")).isNull();
    assertThat(KeyFactNormaliser.fee("  ")).isNull();
    assertThat(KeyFactNormaliser.materials(null)).isNull();
    assertThat(KeyFactNormaliser.materials(new String[0])).isNull();
    // A non-empty array is present even if its entries are blank, and compares as the set {""}.
    assertThat(KeyFactNormaliser.materials(new String[] {" ", ""})).containsExactly("");
  }

  @Test
  void lowerCasesOnlyAsciiLetters() {
    assertThat(KeyFactNormaliser.text("ÄBC Σ")).isEqualTo("Äbc Σ");
  }

  @Test
  void comparesMaterialsAsASet() {
    assertThat(KeyFactNormaliser.materials(new String[] {"户口簿", "身份证", "身份证 "}))
        .containsExactly(KeyFactNormaliser.materials(new String[] {"身份证", "户口簿"}));
  }

  @Test
  void comparesFeesAsNumbers() {
    assertThat(KeyFactNormaliser.fee("0")).isEqualTo(KeyFactNormaliser.fee("0.00"));
    assertThat(KeyFactNormaliser.fee("１０.５０")).isEqualTo("10.5");
    assertThat(KeyFactNormaliser.fee("010")).isEqualTo("10");
    assertThat(KeyFactNormaliser.fee("100")).isEqualTo("100");
    assertThat(KeyFactNormaliser.fee("Free")).isEqualTo("free");
    assertThat(KeyFactNormaliser.fee("1e2")).isNotEqualTo(KeyFactNormaliser.fee("100"));
  }

  @Property
  void isIdempotent(@ForAll String text) {
    String once = KeyFactNormaliser.text(text);
    if (once != null && !once.isEmpty()) {
      assertThat(KeyFactNormaliser.text(once)).isEqualTo(once);
    }
  }

  @Property
  void ignoresPaddingAndFullWidthForms(@ForAll("asciiWords") String text) {
    assertThat(KeyFactNormaliser.text(" \u3000" + toFullWidth(text) + "\t ")).isEqualTo(KeyFactNormaliser.text(text));
  }

  @Property
  void ignoresTheOrderOfMaterials(@ForAll("materialLists") List<String> materials, @ForAll long seed) {
    List<String> shuffled = new ArrayList<>(materials);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    assertThat(KeyFactNormaliser.materials(shuffled.toArray(new String[0])))
        .isEqualTo(KeyFactNormaliser.materials(materials.toArray(new String[0])));
  }

  @Property
  void equalAmountsGiveEqualFees(
      @ForAll @BigRange(min = "0", max = "100000") @Scale(2) java.math.BigDecimal amount) {
    assertThat(KeyFactNormaliser.fee(amount.toPlainString()))
        .isEqualTo(KeyFactNormaliser.fee(amount.setScale(4).toPlainString()));
  }

  @Provide
  Arbitrary<String> asciiWords() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<List<String>> materialLists() {
    return Arbitraries.strings().alpha().numeric().withChars('证', '照', ' ').ofMinLength(1).ofMaxLength(8)
        .list().ofMinSize(1).ofMaxSize(6);
  }

  /** The full-width form of printable ASCII, which NFKC folds back. */
  private static String toFullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      wide.append((char) (c - '!' + '！'));
    }
    return wide.toString();
  }
}
