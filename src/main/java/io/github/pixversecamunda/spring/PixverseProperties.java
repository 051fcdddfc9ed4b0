package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.api.AccountLimits;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.WireFormat;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.worker.PollSchedule;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Worker configuration, {@code pixverse.*}. The environment variables {@code PIXVERSE_API_KEY} and
 * {@code PIXVERSE_BASE_URL} bind here too. The key belongs here and nowhere else: never in a
 * template or a process variable.
 */
@ConfigurationProperties(prefix = "pixverse")
public class PixverseProperties {

  /** Every setting at its default until Spring binds the configured values. */
  public PixverseProperties() {}

  /** API in One base URL. */
  private String baseUrl = WireFormat.DEFAULT_BASE_URL;

  /** API in One key (aio_...). The workers start only when it is set. */
  private @Nullable String apiKey;

  /** Time allowed to open a connection to the API. */
  private Duration connectTimeout = PixverseClientConfig.DEFAULT_CONNECT_TIMEOUT;

  /** Time allowed for one API answer. A submit that times out is reported, never resent. */
  private Duration requestTimeout = PixverseClientConfig.DEFAULT_REQUEST_TIMEOUT;

  /**
   * API requests one worker instance keeps open at most; further calls queue (holding no thread)
   * for a free slot.
   */
  private int maxInFlight = PixverseClientConfig.DEFAULT_MAX_IN_FLIGHT;

  /**
   * On shutdown, how long jobs already in flight may take to finish after job activation stopped.
   * Keep it below the platform's grace period (Kubernetes: terminationGracePeriodSeconds).
   */
  private Duration drainTimeout = Duration.ofSeconds(30);

  /**
   * Deploy the bundled processes and forms (io/github/pixversecamunda/bpmn/ and forms/ in the jar)
   * when the application starts; acted on by {@link PixverseProcessDeploymentAutoConfiguration}.
   */
  private boolean deployProcesses;

  private final Poll poll = new Poll();

  private final Workers workers = new Workers();

  private final Download download = new Download();

  private final Health health = new Health();

  private final Limits limits = new Limits();

  /** How submits treat the account's limits (generations at once, rate). */
  public static class Limits {

    /** The defaults of {@link AccountLimits}. */
    public Limits() {}

    /**
     * Submits this replica sends at once; further submits queue without a thread. Set it to the
     * plan's number of generations at once divided by the number of replicas.
     */
    private int maxSubmitsInFlight = AccountLimits.DEFAULT_MAX_SUBMITS_IN_FLIGHT;

    /** Wait after a first refusal for the account's limits; it doubles with every one in a row. */
    private Duration firstWait = AccountLimits.DEFAULT_FIRST_WAIT;

    /** Longest single wait for the account's limits; a longer Retry-After is capped to it. */
    private Duration maxWait = AccountLimits.DEFAULT_MAX_WAIT;

    /**
     * {@return {@code pixverse.limits.max-submits-in-flight}: submits this replica sends at once;
     * further submits queue without a thread. Set it to the plan's number of generations at once
     * divided by the number of replicas}
     */
    public int getMaxSubmitsInFlight() {
      return maxSubmitsInFlight;
    }

    /**
     * Sets {@code pixverse.limits.max-submits-in-flight}.
     *
     * @param maxSubmitsInFlight the new value
     */
    public void setMaxSubmitsInFlight(int maxSubmitsInFlight) {
      this.maxSubmitsInFlight = maxSubmitsInFlight;
    }

    /**
     * {@return {@code pixverse.limits.first-wait}: wait after a first refusal for the account's
     * limits; it doubles with every one in a row}
     */
    public Duration getFirstWait() {
      return firstWait;
    }

    /**
     * Sets {@code pixverse.limits.first-wait}.
     *
     * @param firstWait the new value
     */
    public void setFirstWait(Duration firstWait) {
      this.firstWait = firstWait;
    }

    /**
     * {@return {@code pixverse.limits.max-wait}: longest single wait for the account's limits; a
     * longer Retry-After is capped to it}
     */
    public Duration getMaxWait() {
      return maxWait;
    }

    /**
     * Sets {@code pixverse.limits.max-wait}.
     *
     * @param maxWait the new value
     */
    public void setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
    }

    /** {@return these settings as the API client takes them} */
    public AccountLimits toAccountLimits() {
      return new AccountLimits(maxSubmitsInFlight, firstWait, maxWait);
    }
  }

  /** {@return the {@code pixverse.limits.*} settings} */
  public Limits getLimits() {
    return limits;
  }

  /** The pixverseApi health component (Actuator). */
  public static class Health {

    /** The component reports DOWN after three refusals of the key in a row. */
    public Health() {}

    /** API calls in a row refused for the key after which the component reports DOWN. */
    private int authenticationFailures = 3;

    /**
     * {@return {@code pixverse.health.authentication-failures}: API calls in a row refused for the
     * key after which the component reports DOWN}
     */
    public int getAuthenticationFailures() {
      return authenticationFailures;
    }

    /**
     * Sets {@code pixverse.health.authentication-failures}.
     *
     * @param authenticationFailures the new value
     */
    public void setAuthenticationFailures(int authenticationFailures) {
      this.authenticationFailures = authenticationFailures;
    }
  }

  /** The download worker's storage and safety limits. */
  public static class Download {

    /**
     * Safe defaults: ./downloads, public addresses only, the ceilings of {@link DownloadSettings}.
     */
    public Download() {}

    /** Directory the videos are kept in; created at start when missing. Files never leave it. */
    private Path directory = Path.of("downloads");

    /** Largest file accepted; enforced while streaming. */
    private DataSize maxSize = DataSize.ofBytes(DownloadSettings.DEFAULT_MAX_BYTES);

    /** Allow hosts on loopback addresses (only for a local simulator). */
    private boolean allowLoopback;

    /**
     * Allow hosts on private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7);
     * link-local and cloud metadata addresses stay refused.
     */
    private boolean allowPrivateNetworks;

    /** Redirects followed at most; each is checked like the first URL. */
    private int maxRedirects = DownloadSettings.DEFAULT_MAX_REDIRECTS;

    /** Time allowed to connect to the file host. */
    private Duration connectTimeout = DownloadSettings.DEFAULT_CONNECT_TIMEOUT;

    /**
     * Time allowed until the file host starts answering, and between two pieces of data after that.
     */
    private Duration requestTimeout = DownloadSettings.DEFAULT_REQUEST_TIMEOUT;

    /**
     * {@return {@code pixverse.download.directory}: directory the videos are kept in; created at
     * start when missing. Files never leave it}
     */
    public Path getDirectory() {
      return directory;
    }

    /**
     * Sets {@code pixverse.download.directory}.
     *
     * @param directory the new value
     */
    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    /**
     * {@return {@code pixverse.download.max-size}: largest file accepted; enforced while streaming}
     */
    public DataSize getMaxSize() {
      return maxSize;
    }

    /**
     * Sets {@code pixverse.download.max-size}.
     *
     * @param maxSize the new value
     */
    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }

    /**
     * {@return {@code pixverse.download.allow-loopback}: allow hosts on loopback addresses (only
     * for a local simulator)}
     */
    public boolean isAllowLoopback() {
      return allowLoopback;
    }

    /**
     * Sets {@code pixverse.download.allow-loopback}.
     *
     * @param allowLoopback the new value
     */
    public void setAllowLoopback(boolean allowLoopback) {
      this.allowLoopback = allowLoopback;
    }

    /**
     * {@return {@code pixverse.download.allow-private-networks}: allow hosts on private networks
     * (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); link-local and cloud metadata addresses
     * stay refused}
     */
    public boolean isAllowPrivateNetworks() {
      return allowPrivateNetworks;
    }

    /**
     * Sets {@code pixverse.download.allow-private-networks}.
     *
     * @param allowPrivateNetworks the new value
     */
    public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
      this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /**
     * {@return {@code pixverse.download.max-redirects}: redirects followed at most; each is checked
     * like the first URL}
     */
    public int getMaxRedirects() {
      return maxRedirects;
    }

    /**
     * Sets {@code pixverse.download.max-redirects}.
     *
     * @param maxRedirects the new value
     */
    public void setMaxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
    }

    /**
     * {@return {@code pixverse.download.connect-timeout}: time allowed to connect to the file host}
     */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets {@code pixverse.download.connect-timeout}.
     *
     * @param connectTimeout the new value
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /**
     * {@return {@code pixverse.download.request-timeout}: time allowed until the file host starts
     * answering, and between two pieces of data after that}
     */
    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    /**
     * Sets {@code pixverse.download.request-timeout}.
     *
     * @param requestTimeout the new value
     */
    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    /**
     * {@return these settings as the downloader takes them}
     *
     * @throws IllegalArgumentException when a value is out of range (a start-up failure names it)
     */
    public DownloadSettings toSettings() {
      return new DownloadSettings(
          directory,
          maxSize.toBytes(),
          allowLoopback,
          allowPrivateNetworks,
          maxRedirects,
          connectTimeout,
          requestTimeout);
    }
  }

  /** Bounds of the adaptive wait between status checks ({@code nextPollIn}). */
  public static class Poll {

    /** The bounds of {@link PollSchedule#DEFAULT}. */
    public Poll() {}

    /** Shortest wait between two checks of one task. */
    private Duration floor = PollSchedule.DEFAULT.floor();

    /** Longest wait between two checks of one task. */
    private Duration ceiling = PollSchedule.DEFAULT.ceiling();

    /** {@return {@code pixverse.poll.floor}: shortest wait between two checks of one task} */
    public Duration getFloor() {
      return floor;
    }

    /**
     * Sets {@code pixverse.poll.floor}.
     *
     * @param floor the new value
     */
    public void setFloor(Duration floor) {
      this.floor = floor;
    }

    /** {@return {@code pixverse.poll.ceiling}: longest wait between two checks of one task} */
    public Duration getCeiling() {
      return ceiling;
    }

    /**
     * Sets {@code pixverse.poll.ceiling}.
     *
     * @param ceiling the new value
     */
    public void setCeiling(Duration ceiling) {
      this.ceiling = ceiling;
    }
  }

  /** Which workers this application runs. */
  public static class Workers {

    /** Every worker runs. */
    public Workers() {}

    private final Toggle submit = new Toggle();
    private final Toggle await = new Toggle();
    private final Toggle download = new Toggle();

    /** {@return the {@code pixverse.workers.submit.*} settings} */
    public Toggle getSubmit() {
      return submit;
    }

    /** {@return the {@code pixverse.workers.await.*} settings} */
    public Toggle getAwait() {
      return await;
    }

    /** {@return the {@code pixverse.workers.download.*} settings} */
    public Toggle getDownload() {
      return download;
    }
  }

  /**
   * Whether one worker runs: {@code pixverse.workers.submit}, {@code .await} or {@code .download}.
   */
  public static class Toggle {

    /** The worker runs. */
    public Toggle() {}

    /** Whether this worker runs. */
    private boolean enabled = true;

    /** {@return {@code pixverse.workers.<worker>.enabled}: whether this worker runs} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code pixverse.workers.<worker>.enabled}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /**
   * {@return the API client's settings from these properties}
   *
   * @throws IllegalArgumentException when no API key is set
   */
  public PixverseClientConfig toClientConfig() {
    return PixverseClientConfig.of(baseUrl, apiKey)
        .withTimeouts(connectTimeout, requestTimeout)
        .withMaxInFlight(maxInFlight)
        .withLimits(limits.toAccountLimits());
  }

  /**
   * {@return the status checks' schedule from {@code pixverse.poll.*}}
   *
   * @throws IllegalArgumentException naming both properties when the bounds do not fit together
   */
  public PollSchedule toPollSchedule() {
    try {
      return new PollSchedule(poll.getFloor(), poll.getCeiling());
    } catch (IllegalArgumentException e) {
      // The schedule knows the rule; the start-up failure should name the properties to fix.
      throw new IllegalArgumentException(
          "pixverse.poll.floor and pixverse.poll.ceiling: " + e.getMessage(), e);
    }
  }

  /** {@return {@code pixverse.base-url}: API in One base URL} */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets {@code pixverse.base-url}.
   *
   * @param baseUrl the new value
   */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * {@return {@code pixverse.api-key}: API in One key (aio_...). The workers start only when it is
   * set}
   */
  public @Nullable String getApiKey() {
    return apiKey;
  }

  /**
   * Sets {@code pixverse.api-key}.
   *
   * @param apiKey the new value
   */
  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  /** {@return {@code pixverse.connect-timeout}: time allowed to open a connection to the API} */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code pixverse.connect-timeout}.
   *
   * @param connectTimeout the new value
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * {@return {@code pixverse.request-timeout}: time allowed for one API answer. A submit that times
   * out is reported, never resent}
   */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /**
   * Sets {@code pixverse.request-timeout}.
   *
   * @param requestTimeout the new value
   */
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /**
   * {@return {@code pixverse.max-in-flight}: API requests one worker instance keeps open at most;
   * further calls queue (holding no thread) for a free slot}
   */
  public int getMaxInFlight() {
    return maxInFlight;
  }

  /**
   * Sets {@code pixverse.max-in-flight}.
   *
   * @param maxInFlight the new value
   */
  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /**
   * {@return {@code pixverse.drain-timeout}: on shutdown, how long jobs already in flight may take
   * to finish after job activation stopped. Keep it below the platform's grace period (Kubernetes:
   * terminationGracePeriodSeconds)}
   */
  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  /**
   * Sets {@code pixverse.drain-timeout}.
   *
   * @param drainTimeout the new value
   */
  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  /**
   * {@return {@code pixverse.deploy-processes}: deploy the bundled processes and forms
   * (io/github/pixversecamunda/bpmn/ and forms/ in the jar) when the application starts; acted on
   * by {@link PixverseProcessDeploymentAutoConfiguration}}
   */
  public boolean isDeployProcesses() {
    return deployProcesses;
  }

  /**
   * Sets {@code pixverse.deploy-processes}.
   *
   * @param deployProcesses the new value
   */
  public void setDeployProcesses(boolean deployProcesses) {
    this.deployProcesses = deployProcesses;
  }

  /** {@return the {@code pixverse.poll.*} settings} */
  public Poll getPoll() {
    return poll;
  }

  /** {@return the {@code pixverse.workers.*} settings} */
  public Workers getWorkers() {
    return workers;
  }

  /** {@return the {@code pixverse.download.*} settings} */
  public Download getDownload() {
    return download;
  }

  /** {@return the {@code pixverse.health.*} settings} */
  public Health getHealth() {
    return health;
  }

  @Override
  public String toString() {
    return "PixverseProperties[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "unset" : "****")
        + "]";
  }
}
