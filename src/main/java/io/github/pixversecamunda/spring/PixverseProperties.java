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

    /**
     * Submits this replica sends at once; further submits queue without a thread. Set it to the
     * plan's number of generations at once divided by the number of replicas.
     */
    private int maxSubmitsInFlight = AccountLimits.DEFAULT_MAX_SUBMITS_IN_FLIGHT;

    /** Wait after a first refusal for the account's limits; it doubles with every one in a row. */
    private Duration firstWait = AccountLimits.DEFAULT_FIRST_WAIT;

    /** Longest single wait for the account's limits; a longer Retry-After is capped to it. */
    private Duration maxWait = AccountLimits.DEFAULT_MAX_WAIT;

    public int getMaxSubmitsInFlight() {
      return maxSubmitsInFlight;
    }

    public void setMaxSubmitsInFlight(int maxSubmitsInFlight) {
      this.maxSubmitsInFlight = maxSubmitsInFlight;
    }

    public Duration getFirstWait() {
      return firstWait;
    }

    public void setFirstWait(Duration firstWait) {
      this.firstWait = firstWait;
    }

    public Duration getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
    }

    public AccountLimits toAccountLimits() {
      return new AccountLimits(maxSubmitsInFlight, firstWait, maxWait);
    }
  }

  public Limits getLimits() {
    return limits;
  }

  /** The pixverseApi health component (Actuator). */
  public static class Health {
    /** API calls in a row refused for the key after which the component reports DOWN. */
    private int authenticationFailures = 3;

    public int getAuthenticationFailures() {
      return authenticationFailures;
    }

    public void setAuthenticationFailures(int authenticationFailures) {
      this.authenticationFailures = authenticationFailures;
    }
  }

  /** The download worker's storage and safety limits. */
  public static class Download {
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

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public DataSize getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }

    public boolean isAllowLoopback() {
      return allowLoopback;
    }

    public void setAllowLoopback(boolean allowLoopback) {
      this.allowLoopback = allowLoopback;
    }

    public boolean isAllowPrivateNetworks() {
      return allowPrivateNetworks;
    }

    public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
      this.allowPrivateNetworks = allowPrivateNetworks;
    }

    public int getMaxRedirects() {
      return maxRedirects;
    }

    public void setMaxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

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
    /** Shortest wait between two checks of one task. */
    private Duration floor = PollSchedule.DEFAULT.floor();

    /** Longest wait between two checks of one task. */
    private Duration ceiling = PollSchedule.DEFAULT.ceiling();

    public Duration getFloor() {
      return floor;
    }

    public void setFloor(Duration floor) {
      this.floor = floor;
    }

    public Duration getCeiling() {
      return ceiling;
    }

    public void setCeiling(Duration ceiling) {
      this.ceiling = ceiling;
    }
  }

  /** Which workers this application runs. */
  public static class Workers {
    private final Toggle submit = new Toggle();
    private final Toggle await = new Toggle();
    private final Toggle download = new Toggle();

    public Toggle getSubmit() {
      return submit;
    }

    public Toggle getAwait() {
      return await;
    }

    public Toggle getDownload() {
      return download;
    }
  }

  public static class Toggle {
    /** Whether this worker runs. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  public PixverseClientConfig toClientConfig() {
    return PixverseClientConfig.of(baseUrl, apiKey)
        .withTimeouts(connectTimeout, requestTimeout)
        .withMaxInFlight(maxInFlight)
        .withLimits(limits.toAccountLimits());
  }

  public PollSchedule toPollSchedule() {
    try {
      return new PollSchedule(poll.getFloor(), poll.getCeiling());
    } catch (IllegalArgumentException e) {
      // The schedule knows the rule; the start-up failure should name the properties to fix.
      throw new IllegalArgumentException(
          "pixverse.poll.floor and pixverse.poll.ceiling: " + e.getMessage(), e);
    }
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public @Nullable String getApiKey() {
    return apiKey;
  }

  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public boolean isDeployProcesses() {
    return deployProcesses;
  }

  public void setDeployProcesses(boolean deployProcesses) {
    this.deployProcesses = deployProcesses;
  }

  public Poll getPoll() {
    return poll;
  }

  public Workers getWorkers() {
    return workers;
  }

  public Download getDownload() {
    return download;
  }

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
