package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The table of generation fields is the one place: everything else follows it. */
class GenerationFieldTest {

  private static final GenerationRequest FULL =
      GenerationRequest.builder()
          .prompt("A dragon")
          .imageUrl("https://example.org/castle.png")
          .resolution(Resolution.P1080)
          .duration(VideoDuration.S8)
          .aspectRatio(AspectRatio.values()[0])
          .generateAudio(true)
          .thinkingType(ThinkingType.values()[0])
          .negativePrompt("blur")
          .seed(42L)
          .build();

  @Test
  void theInputRecordListsTheFieldsInTableOrder() {
    assertThat(
            Arrays.stream(GenerationInput.class.getRecordComponents())
                .map(RecordComponent::getName))
        .containsExactlyElementsOf(GenerationField.variables());
    assertThat(GenerationInput.FIELDS).containsExactlyElementsOf(GenerationField.variables());
  }

  @Test
  void everyFieldTravelsUnderItsWireNameAndComesBack() {
    ObjectNode body = WireFormat.toBody(FULL, new ObjectMapper());

    assertThat(body.path(WireFormat.MODEL).asText()).isEqualTo(GenerationRequest.MODEL);
    for (GenerationField field : GenerationField.values()) {
      assertThat(body.has(field.wire())).as(field.name()).isTrue();
      assertThat(body.get(field.wire()).asText())
          .as(field.name())
          .isEqualTo(String.valueOf(field.valueOf(FULL)));
    }
    assertThat(body.size()).isEqualTo(GenerationField.values().length + 1);
    assertThat(WireFormat.fromBody(body).validate()).isEqualTo(FULL);
  }

  @Test
  void absentOptionalFieldsAreLeftOutOfTheBodyAndDefaultsAreSent() {
    ObjectNode body =
        WireFormat.toBody(
            GenerationRequest.builder().prompt("A dragon").build(), new ObjectMapper());

    for (GenerationField field : GenerationField.values()) {
      if (field.defaultValue() != null) {
        assertThat(body.get(field.wire()).asText())
            .as(field.name())
            .isEqualTo(field.defaultValue());
      } else if (field != GenerationField.PROMPT) {
        assertThat(body.has(field.wire())).as(field.name()).isFalse();
      }
    }
  }

  @Test
  void choicesAreTheAllowedValuesInMessagesAndOnlyPriceFieldsAffectCredits() {
    assertThat(GenerationField.RESOLUTION.choices())
        .containsExactly("360p", "540p", "720p", "1080p");
    assertThat(GenerationField.DURATION.choices()).containsExactly("5", "8", "10");
    assertThat(GenerationField.RESOLUTION.allowed()).isEqualTo("360p, 540p, 720p, 1080p");
    assertThat(Arrays.stream(GenerationField.values()).filter(GenerationField::affectsCredits))
        .containsExactly(
            GenerationField.RESOLUTION, GenerationField.DURATION, GenerationField.GENERATE_AUDIO);
  }
}
