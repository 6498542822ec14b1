package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.channelwatch.connectors.privacy.PersonalData;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void recognisesIdentityAndMobileNumbersAsAWhole() {
    assertThat(PersonalData.isPersonal("33010619900101123X")).isTrue();
    assertThat(PersonalData.isPersonal("330106199001011234")).isTrue();
    assertThat(PersonalData.isPersonal("33010619900101123x")).isTrue();
    assertThat(PersonalData.isPersonal("13912345678")).isTrue();
    assertThat(PersonalData.isPersonal("a9f3c2e17b5d4e08")).isFalse();
    assertThat(PersonalData.isPersonal("23912345678")).isFalse();
    assertThat(PersonalData.isPersonal("139123456789")).isFalse();
  }

  @Test
  void masksAllButTheLastFourCharacters() {
    assertThat(PersonalData.mask("13912345678")).isEqualTo("*******5678");
    assertThat(PersonalData.mask("abc")).isEqualTo("abc");
  }

  @Test
  void masksNumbersStandingAloneInText() {
    assertThat(PersonalData.maskAll("{\"applicantId\":\"13912345678\",\"caseId\":\"ZJ13912345678\"}"))
        .isEqualTo("{\"applicantId\":\"*******5678\",\"caseId\":\"ZJ13912345678\"}");
    assertThat(PersonalData.maskAll("id 33010619900101123X and 13800000000"))
        .isEqualTo("id **************123X and *******0000");
  }

  @Test
  void masksBeforeCuttingAnExcerpt() {
    String value = "x".repeat(DeadLetter.EXCERPT_CHARS - 5) + " 13912345678";
    String excerpt = DeadLetter.excerpt(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(excerpt).hasSize(DeadLetter.EXCERPT_CHARS).endsWith(" ****");
  }

  @Test
  void theSinksDeadLettersUseTheReasonAndIndexOfTheIntakes() {
    assertThat(org.channelwatch.connectors.elasticsearch.SinkDeadLetters.REASON)
        .isEqualTo(RejectReason.REJECTED_BY_SINK.wireName());
    assertThat(org.channelwatch.connectors.elasticsearch.SinkDeadLetters.INDEX).isEqualTo(DeadLetterDocuments.INDEX);
  }
}
