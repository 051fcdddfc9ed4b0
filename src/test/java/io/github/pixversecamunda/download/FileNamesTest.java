package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

  private final Path directory = Path.of("/srv/videos");

  @Test
  void defaultNameComesFromTheTaskId() {
    assertThat(FileNames.resolve(directory, null, "n65ab_pixverse"))
        .isEqualTo(Path.of("/srv/videos/n65ab_pixverse.mp4"));
    assertThat(FileNames.resolve(directory, "castle-{taskId}.mp4", "t1"))
        .isEqualTo(Path.of("/srv/videos/castle-t1.mp4"));
  }

  @Test
  void taskIdContentCannotAddSeparators() {
    assertThat(FileNames.resolve(directory, "v-{taskId}.mp4", "a/b\\c:d"))
        .isEqualTo(Path.of("/srv/videos/v-a%2Fb%5Cc%3Ad.mp4"));
  }

  @ParameterizedTest
  @CsvSource({"a:b,a_b", "a:b,a%3Ab", "a b,a_b", "x\u00e9,x%C3%A9", "a/b,a%2Fb"})
  void differentTaskIdsNeverShareAFileName(String one, String other) {
    assertThat(FileNames.resolve(directory, null, one))
        .isNotEqualTo(FileNames.resolve(directory, null, other));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "../escape.mp4,t1", "/etc/passwd,t1", "sub/dir.mp4,t1", ".hidden.mp4,t1", "a..b.mp4,t1",
        "{taskId},../../etc/passwd", "{taskId}.mp4,..", "{taskId}.mp4,null", "C:\\\\x.mp4,t1",
            "~/x.mp4,t1"
      })
  void namesThatCouldLeaveTheDirectoryAreRefused(String pattern, String taskId) {
    assertThatThrownBy(() -> FileNames.resolve(directory, pattern, taskId))
        .isInstanceOfSatisfying(
            DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.INVALID_NAME));
  }
}
