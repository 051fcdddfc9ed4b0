package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.download.DirectoryStore;
import io.github.pixversecamunda.download.DocumentStore;
import io.github.pixversecamunda.download.S3Settings;
import io.github.pixversecamunda.download.S3Store;
import io.github.pixversecamunda.download.StoreKind;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.download.VideoStore;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code pixverse.storage.*}: which store the download worker writes to, from configuration. */
class StorageAutoConfigurationTest {

  @TempDir static Path downloads;

  private final ApplicationContextRunner runner = PixverseContextRunner.withKey(downloads);

  @Test
  void theDirectoryIsTheDefaultStore() {
    runner.run(
        context -> {
          assertThat(context.getBean(VideoStore.class)).isInstanceOf(DirectoryStore.class);
          assertThat(((DirectoryStore) context.getBean(VideoStore.class)).directory())
              .isEqualTo(downloads.toAbsolutePath());
          assertThat(context.getBean(VideoDownloader.class).store())
              .isSameAs(context.getBean(VideoStore.class));
        });
  }

  @Test
  void s3IsConfiguredFromItsProperties() {
    runner
        .withPropertyValues(
            "pixverse.storage.type=s3",
            "pixverse.storage.s3.bucket=videos",
            "pixverse.storage.s3.key-prefix=pixverse/",
            "pixverse.storage.s3.region=eu-central-1",
            "pixverse.storage.s3.endpoint=http://127.0.0.1:9000",
            "pixverse.storage.s3.path-style=true",
            "pixverse.storage.s3.encryption=kms",
            "pixverse.storage.s3.kms-key-id=alias/videos",
            "pixverse.storage.s3.storage-class=STANDARD_IA",
            "pixverse.storage.s3.part-size=16MB",
            "pixverse.storage.s3.access-key-id=AKIDEXAMPLE",
            "pixverse.storage.s3.secret-access-key=never-printed")
        .run(
            context -> {
              S3Store store = (S3Store) context.getBean(VideoStore.class);
              S3Settings settings = store.settings();
              assertThat(store.kind()).isEqualTo(StoreKind.S3);
              assertThat(settings.bucket()).isEqualTo("videos");
              assertThat(settings.keyPrefix()).isEqualTo("pixverse/");
              assertThat(settings.region()).isEqualTo("eu-central-1");
              assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
              assertThat(settings.pathStyle()).isTrue();
              assertThat(settings.encryption()).isEqualTo(S3Settings.Encryption.KMS);
              assertThat(settings.kmsKeyId()).isEqualTo("alias/videos");
              assertThat(settings.storageClass()).isEqualTo("STANDARD_IA");
              assertThat(settings.partSize()).isEqualTo(16 * 1024 * 1024);
              assertThat(settings.toString()).doesNotContain("never-printed");
              assertThat(store.describe()).doesNotContain("never-printed");
            });
  }

  @Test
  void s3WithoutABucketFailsAtStartNamingTheProperty() {
    runner
        .withPropertyValues("pixverse.storage.type=s3")
        .run(
            context ->
                PixverseContextRunner.startupFailure(context)
                    .rootCause()
                    .hasMessageContaining("pixverse.storage.s3.bucket is required"));
  }

  @Test
  void halfOfAStaticKeyFailsAtStart() {
    runner
        .withPropertyValues(
            "pixverse.storage.type=s3",
            "pixverse.storage.s3.bucket=videos",
            "pixverse.storage.s3.access-key-id=AKIDEXAMPLE")
        .run(
            context ->
                PixverseContextRunner.startupFailure(context)
                    .rootCause()
                    .hasMessageContaining("go together"));
  }

  @Test
  void theDocumentStoreUsesTheApplicationsCamundaClient() {
    runner
        .withPropertyValues(
            "pixverse.storage.type=document",
            "pixverse.storage.document.store-id=gcp",
            "pixverse.storage.document.time-to-live=P7D",
            "pixverse.storage.document.max-size=5MB")
        .run(
            context -> {
              assertThat(context.getBean(VideoStore.class)).isInstanceOf(DocumentStore.class);
              assertThat(context.getBean(VideoStore.class).describe()).contains("'gcp'");
            });
  }

  @Test
  void anApplicationsOwnStoreReplacesTheConfiguredOne() {
    VideoStore own = new DirectoryStore(downloads.resolve("own"));
    runner
        .withPropertyValues("pixverse.storage.type=s3", "pixverse.storage.s3.bucket=videos")
        .withBean(VideoStore.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(VideoStore.class)).isSameAs(own);
              assertThat(context.getBean(VideoDownloader.class).store()).isSameAs(own);
            });
  }
}
