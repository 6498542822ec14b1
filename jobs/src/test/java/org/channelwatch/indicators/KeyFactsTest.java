package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.channelwatch.domain.Guide;
import org.junit.jupiter.api.Test;

class KeyFactsTest {

  @Test
  void normalisesWidthWhiteSpaceAndAsciiCase() {
    // Full-width letters and digits become ASCII under NFKC, then lower-case.
    assertThat(KeyFacts.normalise("ＡＢＣ１２３")).isEqualTo("abc123");
    // Ideographic space, no-break space, tabs and new lines are all white space runs.
    assertThat(KeyFacts.normalise("\u3000 身份证\u00a0\t\n复印件 \r\n")).isEqualTo("身份证 复印件");
    assertThat(KeyFacts.normalise("ID  Card")).isEqualTo("id card");
  }

  @Test
  void lowerCasesOnlyAsciiLetters() {
    assertThat(KeyFacts.normalise("ÄÖ Straße")).isEqualTo("ÄÖ straße");
  }

  @Test
  void keepsTextWithoutWhiteSpaceAtTheEndsIntact() {
    assertThat(KeyFacts.normalise("申请书")).isEqualTo("申请书");
    assertThat(KeyFacts.normalise("   ")).isEmpty();
    assertThat(KeyFacts.normalise("")).isEmpty();
  }

  @Test
  void comparesMaterialsAsASet() {
    assertThat(KeyFacts.sameMaterials(new String[] {"申请书", "ID Card"}, new String[] {"id  card", "申请书", "申请书 "}))
        .isTrue();
    assertThat(KeyFacts.sameMaterials(new String[] {"申请书"}, new String[] {"申请书", "身份证"})).isFalse();
  }

  @Test
  void comparesFeesAsNumbersWhenBothArePlainDecimals() {
    assertThat(KeyFacts.sameFee("0", "0.00")).isTrue();
    assertThat(KeyFacts.sameFee(" 10 ", "１０.0")).isTrue();
    assertThat(KeyFacts.sameFee("10", "10.5")).isFalse();
    assertThat(KeyFacts.sameFee("免费", "免费 ")).isTrue();
    assertThat(KeyFacts.sameFee("0", "免费")).isFalse();
    // "1e1" is not a plain decimal, so it is compared as text.
    assertThat(KeyFacts.sameFee("1e1", "10")).isFalse();
  }

  @Test
  void reportsOnlyKeyFactsPresentOnBothSidesThatDiffer() {
    Guide web = TestEvents.completeGuide();
    Guide hall = TestEvents.completeGuide();
    assertThat(KeyFacts.differingFields(web, hall)).isEmpty();

    hall.timeLimitDays = 10L;
    hall.fee = "0.00";
    hall.conditions = " 申请人应当具有完全民事行为能力 ";
    assertThat(KeyFacts.differingFields(web, hall)).containsExactly("timeLimitDays");

    hall.materials = new String[] {"营业执照副本"};
    hall.fee = "5";
    assertThat(KeyFacts.differingFields(web, hall)).containsExactly("materials", "timeLimitDays", "fee");
  }

  @Test
  void aMissingKeyFactIsAGapNotADifference() {
    Guide web = TestEvents.completeGuide();
    Guide app = TestEvents.completeGuide();
    app.conditions = "  ";
    app.materials = new String[0];
    app.timeLimitDays = null;
    app.fee = null;
    assertThat(KeyFacts.differingFields(web, app)).isEmpty();
  }

  @Test
  void keepsOnlyTheKeyFactsOfAGuide() {
    Guide facts = KeyFacts.keyFactsOf(TestEvents.completeGuide());
    assertThat(facts.conditions).isNotNull();
    assertThat(facts.materials).containsExactly("营业执照副本", "申请书");
    assertThat(facts.timeLimitDays).isEqualTo(5L);
    assertThat(facts.fee).isEqualTo("0");
    assertThat(facts.department).isNull();
    assertThat(facts.hours).isNull();
  }
}
