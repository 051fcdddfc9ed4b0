package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectKeysTest {

  @Test
  void defaultKeyComesFromTheTaskId() {
    assertThat(ObjectKeys.resolve(null, "n65ab_pixverse")).isEqualTo("n65ab_pixverse.mp4");
    assertThat(ObjectKeys.resolve("castle-{taskId}.mp4", "t1")).isEqualTo("castle-t1.mp4");
  }

  @Test
  void aKeyMayHaveSegmentsAsADesignerWritesThemInFeel() {
    assertThat(ObjectKeys.resolve("campaigns/spring-2027/{taskId}.mp4", "t1"))
        .isEqualTo("campaigns/spring-2027/t1.mp4");
    assertThat(ObjectKeys.fileName("campaigns/spring-2027/t1.mp4")).isEqualTo("t1.mp4");
  }

  @Test
  void taskIdContentCannotAddSeparators() {
    assertThat(ObjectKeys.resolve("v-{taskId}.mp4", "a/b\\c:d")).isEqualTo("v-a%2Fb%5Cc%3Ad.mp4");
  }

  @ParameterizedTest
  @CsvSource({"a:b,a_b", "a:b,a%3Ab", "a b,a_b", "x\u00e9,x%C3%A9", "a/b,a%2Fb"})
  void differentTaskIdsNeverShareAKey(String one, String other) {
    assertThat(ObjectKeys.resolve(null, one)).isNotEqualTo(ObjectKeys.resolve(null, other));
  }

  @Test
  void theRefusalNamesTheRulesAndShowsNoControlCharacter() {
    assertThatThrownBy(() -> ObjectKeys.resolve("a/\u0007b.mp4", "t1"))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("'a/?b.mp4' is not allowed")
        .hasMessageContaining("no '..', no leading '/'");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "../escape.mp4,t1",
        "/etc/passwd,t1",
        "sub/../../x.mp4,t1",
        "sub//x.mp4,t1",
        "sub/,t1",
        ".hidden.mp4,t1",
        "sub/.hidden.mp4,t1",
        "a..b.mp4,t1",
        "{taskId},../../etc/passwd",
        "{taskId}.mp4,..",
        "{taskId}.mp4,null",
        "C:\\\\x.mp4,t1",
        "~/x.mp4,t1",
        "tab\tkey.mp4,t1",
        "nul\u0000.mp4,t1"
      })
  void keysThatCouldEscapeOrConfuseAStoreAreRefused(String pattern, String taskId) {
    assertThatThrownBy(() -> ObjectKeys.resolve(pattern, taskId))
        .isInstanceOfSatisfying(
            DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.INVALID_NAME));
  }

  @Test
  void aKeyLongerThanS3AllowsIsRefused() {
    String longKey = ("a".repeat(100) + "/").repeat(11) + "x.mp4";
    assertThatThrownBy(() -> ObjectKeys.resolve(longKey, null))
        .isInstanceOf(DownloadException.class);
  }
}
