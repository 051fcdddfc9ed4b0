package io.github.pixversecamunda.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An offline stand-in for the PixVerse 5.6 endpoints of API in One, on loopback. It validates
 * submits like the API page says, moves tasks from IN_PROGRESS to completed (or failed), serves the
 * finished video, checks the Bearer key, counts what it received and injects faults on demand.
 *
 * <p>Prompts containing {@value #FAIL_MARKER} fail; prompts containing {@value #REJECT_MARKER} are
 * rejected by content moderation.
 */
public final class PixverseSimulator implements AutoCloseable {

  public static final String DEFAULT_API_KEY = "aio_simulator_key";
  public static final String FAIL_MARKER = "[fail]";
  public static final String REJECT_MARKER = "[reject]";
  public static final String API_PREFIX = "/api/v1";
  public static final String FILES_PREFIX = "/files/";

  /**
   * Files named {@code /files/bytes-<n>.mp4} are generated on the fly with n bytes (large-file
   * tests).
   */
  public static final String GENERATED_FILE_PREFIX = "bytes-";

  /**
   * How a submit beyond the account's limit of generations at once is refused; the real API's way
   * is undocumented (see API-NOTES: a 429 with or without Retry-After, a 4xx, or a 200 carrying
   * PixVerse's code 500044).
   */
  public enum LimitRefusal {
    /** HTTP 429 with {@code Retry-After}. */
    TOO_MANY_REQUESTS_RETRY_AFTER,
    /** HTTP 429 without {@code Retry-After}. */
    TOO_MANY_REQUESTS,
    /** HTTP 200 whose body carries {@code code: 500044}. */
    OK_WITH_CODE_500044,
    /** HTTP 400 whose message names the concurrent-generation limit. */
    BAD_REQUEST_NAMING_THE_LIMIT
  }

  /** PixVerse's code for "the account runs as many generations as its plan allows". */
  public static final int CONCURRENCY_LIMIT_CODE = 500044;

  /** How task-status answers are shaped; the real API's shape is undocumented. */
  public enum StatusShape {
    ENVELOPE,
    FLAT
  }

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
  private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, AtomicInteger> requests = new EnumMap<>(Endpoint.class);
  private final AtomicInteger tasksCreated = new AtomicInteger();
  private final AtomicLong creditsSpent = new AtomicLong();
  private final AtomicInteger downloadsWithCredentials = new AtomicInteger();
  private final AtomicInteger taskSequence = new AtomicInteger();
  private final java.util.List<String> taskIds = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final byte[] sampleVideo;

  private volatile String apiKey = DEFAULT_API_KEY;
  private volatile Duration generationTime = Duration.ofSeconds(3);
  private volatile int pollsUntilDone = -1;
  private volatile long creditBalance = Long.MAX_VALUE;
  private volatile StatusShape statusShape = StatusShape.ENVELOPE;
  private volatile long videoBytes = -1;
  private volatile long videoBytesPerSecond = Long.MAX_VALUE;
  private volatile long holdVideosAfter = Long.MAX_VALUE;
  private volatile java.util.concurrent.CountDownLatch videoHold =
      new java.util.concurrent.CountDownLatch(0);
  private final Map<Endpoint, Duration> responseDelays =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile java.util.function.Function<String, Duration> generationTimeByPrompt =
      prompt -> null;
  private volatile int maxRunning = Integer.MAX_VALUE;
  private volatile LimitRefusal limitRefusal = LimitRefusal.TOO_MANY_REQUESTS_RETRY_AFTER;
  private volatile Duration limitRetryAfter = Duration.ofSeconds(5);
  private final AtomicInteger limitRefusals = new AtomicInteger();
  private final AtomicInteger peakRunning = new AtomicInteger();
  private HttpServer server;
  private ExecutorService executor;

  private record SimulatedTask(
      String id, GenerationRequest request, long createdNanos, AtomicInteger polls) {}

  public PixverseSimulator() {
    for (Endpoint endpoint : Endpoint.values()) {
      faults.put(endpoint, new ArrayDeque<>());
      requests.put(endpoint, new AtomicInteger());
    }
    try (InputStream in = PixverseSimulator.class.getResourceAsStream("sample.mp4")) {
      sampleVideo = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "the simulator's sample video is missing from the classpath", e);
    }
  }

  // ---- configuration -------------------------------------------------------------------------

  public PixverseSimulator apiKey(String key) {
    this.apiKey = key;
    return this;
  }

  /** Real time from submit to completion (default 3 s). */
  public PixverseSimulator generationTime(Duration time) {
    this.generationTime = time;
    this.pollsUntilDone = -1;
    return this;
  }

  /**
   * Real time per prompt (benchmarks: a spread of generation times); prompts it answers null for
   * take the {@link #generationTime(Duration) common time}.
   */
  public PixverseSimulator generationTimes(java.util.function.Function<String, Duration> byPrompt) {
    this.generationTimeByPrompt = byPrompt;
    this.pollsUntilDone = -1;
    return this;
  }

  /** Every request to the endpoint waits this long before it is answered (API latency). */
  public PixverseSimulator responseDelay(Endpoint endpoint, Duration delay) {
    responseDelays.put(endpoint, delay);
    return this;
  }

  /** Complete on the n-th status check instead of after a time (deterministic tests). */
  /**
   * Tasks' videos are {@code bytes} zeros instead of the sample video, sent at most {@code
   * perSecond} bytes a second: for large and slow transfers (a worker killed while it stores one).
   */
  public PixverseSimulator videos(long bytes, long perSecond) {
    this.videoBytes = bytes;
    this.videoBytesPerSecond = perSecond;
    return this;
  }

  /**
   * Tasks' video transfers pause once they have sent {@code bytes} until {@link #releaseVideos()}
   * (at most two minutes): a test acts while a worker is in the middle of storing a video.
   */
  public PixverseSimulator holdVideosAfter(long bytes) {
    this.videoHold = new java.util.concurrent.CountDownLatch(1);
    this.holdVideosAfter = bytes;
    return this;
  }

  public void releaseVideos() {
    holdVideosAfter = Long.MAX_VALUE;
    videoHold.countDown();
  }

  public PixverseSimulator completeOnPoll(int n) {
    this.pollsUntilDone = n;
    return this;
  }

  /** Credits the account holds; a submit that costs more answers 402. Unlimited by default. */
  public PixverseSimulator creditBalance(long credits) {
    this.creditBalance = credits;
    return this;
  }

  /**
   * Caps the generations running at once, like a PixVerse plan: a submit while {@code max} run is
   * refused the way {@code refusal} says ({@code retryAfter} for the 429 with Retry-After), and
   * counted in {@link #limitRefusals()}. A generation runs until its time is up (or until the check
   * it completes on).
   */
  public PixverseSimulator accountLimit(int max, LimitRefusal refusal, Duration retryAfter) {
    this.maxRunning = max;
    this.limitRefusal = refusal;
    this.limitRetryAfter = retryAfter;
    return this;
  }

  /** Submits refused because the account's limit of generations at once was reached. */
  public int limitRefusals() {
    return limitRefusals.get();
  }

  /** The most generations that ran at once. */
  public int peakRunning() {
    return peakRunning.get();
  }

  private boolean running(SimulatedTask task) {
    if (pollsUntilDone > 0) {
      return task.polls().get() < pollsUntilDone;
    }
    Duration own = generationTimeByPrompt.apply(task.request().prompt());
    return System.nanoTime() - task.createdNanos() < (own == null ? generationTime : own).toNanos();
  }

  private int runningNow() {
    int running = 0;
    for (SimulatedTask task : tasks.values()) {
      if (running(task)) {
        running++;
      }
    }
    return running;
  }

  private void refuseForLimit(HttpExchange exchange) throws IOException {
    limitRefusals.incrementAndGet();
    String message =
        "Concurrent generation limit reached: your plan runs " + maxRunning + " at once";
    switch (limitRefusal) {
      case TOO_MANY_REQUESTS_RETRY_AFTER ->
          error(
              exchange,
              429,
              message,
              "rate_limit_exceeded",
              Long.toString(limitRetryAfter.toSeconds()));
      case TOO_MANY_REQUESTS -> error(exchange, 429, message, "rate_limit_exceeded", null);
      case BAD_REQUEST_NAMING_THE_LIMIT -> error(exchange, 400, message, "invalid_request", null);
      case OK_WITH_CODE_500044 -> {
        ObjectNode root = json.createObjectNode();
        root.put(WireFormat.CODE, CONCURRENCY_LIMIT_CODE);
        root.put(WireFormat.MESSAGE, message);
        root.putNull(WireFormat.DATA);
        sendJson(exchange, 200, root);
      }
    }
  }

  /** Sends an {@link Fault.Kind#ANSWER} fault's answer, its placeholders filled in. */
  private void answer(HttpExchange exchange, Fault fault, String taskId) throws IOException {
    String key = exchange.getRequestHeaders().getFirst("Authorization");
    String body =
        fault
            .body()
            .replace(Fault.TASK_ID, taskId == null ? "" : taskId)
            .replace(Fault.API_KEY, key == null ? "" : key.replaceFirst("^Bearer ", ""));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    fault.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(fault.status(), bytes.length == 0 ? -1 : bytes.length);
    OutputStream out = exchange.getResponseBody();
    if (fault.delay() == null) {
      out.write(bytes);
      return;
    }
    for (byte b : bytes) {
      out.write(b);
      out.flush();
      sleep(fault.delay());
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  public PixverseSimulator statusShape(StatusShape shape) {
    this.statusShape = shape;
    return this;
  }

  /** The next {@code times} requests to the endpoint get this fault instead of a normal answer. */
  public PixverseSimulator inject(Endpoint endpoint, int times, Fault fault) {
    Deque<Fault> queue = faults.get(endpoint);
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.addLast(fault);
      }
    }
    return this;
  }

  /** Drops every fault still queued (the cause is gone). */
  public PixverseSimulator clearFaults() {
    for (Deque<Fault> queue : faults.values()) {
      synchronized (queue) {
        queue.clear();
      }
    }
    return this;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  public PixverseSimulator start() {
    return start(0);
  }

  public synchronized PixverseSimulator start(int port) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + port, e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "pixverse-simulator");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Base URL to configure the client with, e.g. {@code http://127.0.0.1:port/api/v1}. */
  public String baseUrl() {
    return root() + API_PREFIX;
  }

  public String apiKey() {
    return apiKey;
  }

  public String fileUrl(String name) {
    return root() + FILES_PREFIX + name;
  }

  private String root() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  // ---- counts --------------------------------------------------------------------------------

  /** Requests that reached an endpoint, whatever their outcome. */
  public int requests(Endpoint endpoint) {
    return requests.get(endpoint).get();
  }

  /** Accepted submits: each one is a paid video. */
  public int tasksCreated() {
    return tasksCreated.get();
  }

  /** Ids of the tasks created so far, oldest first. */
  public java.util.List<String> taskIds() {
    return java.util.List.copyOf(taskIds);
  }

  public long creditsSpent() {
    return creditsSpent.get();
  }

  /** Downloads that carried an Authorization header: the file host must never see the API key. */
  public int downloadsWithCredentials() {
    return downloadsWithCredentials.get();
  }

  public byte[] sampleVideo() {
    return sampleVideo.clone();
  }

  // ---- handling ------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.equals(API_PREFIX + WireFormat.GENERATIONS_PATH)) {
        submit(exchange);
      } else if (method.equals("GET") && path.startsWith(API_PREFIX + WireFormat.TASKS_PATH)) {
        status(exchange, path.substring((API_PREFIX + WireFormat.TASKS_PATH).length()));
      } else if (method.equals("GET") && path.startsWith(FILES_PREFIX)) {
        download(exchange, path.substring(FILES_PREFIX.length()));
      } else {
        error(exchange, 404, "Not found", "not_found", null);
      }
    } catch (DroppedConnection dropped) {
      // The exchange closes without an answer, which closes the connection.
    }
  }

  private static final class DroppedConnection extends RuntimeException {
    DroppedConnection() {
      super(null, null, false, false);
    }
  }

  /** Applies the next queued fault; returns the one that must act after the request is handled. */
  private Fault before(Endpoint endpoint, HttpExchange exchange) throws IOException {
    requests.get(endpoint).incrementAndGet();
    Duration latency = responseDelays.get(endpoint);
    if (latency != null) {
      sleep(latency);
    }
    Fault fault;
    Deque<Fault> queue = faults.get(endpoint);
    synchronized (queue) {
      fault = queue.pollFirst();
    }
    if (fault == null) {
      return null;
    }
    switch (fault.kind()) {
      case DELAY -> sleep(fault.delay());
      case DROP_BEFORE_READ -> throw new DroppedConnection();
      case STATUS -> {
        exchange.getRequestBody().readAllBytes();
        error(
            exchange,
            fault.status(),
            simulatedMessage(fault.status()),
            simulatedType(fault.status()),
            fault.retryAfter());
        return fault;
      }
      case ERROR_IN_OK -> {
        exchange.getRequestBody().readAllBytes();
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject(WireFormat.ERROR);
        error.put(WireFormat.CODE, fault.status());
        error.put(WireFormat.MESSAGE, simulatedMessage(fault.status()));
        error.put(WireFormat.TYPE, simulatedType(fault.status()));
        sendJson(exchange, 200, root);
        return fault;
      }
      case HTML_PAGE -> {
        return fault;
      }
      default -> {
        return fault;
      }
    }
    return null;
  }

  /** True when the fault already answered the request. */
  private static boolean answered(Fault fault) {
    return fault != null
        && (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.ERROR_IN_OK);
  }

  private static void htmlPage(HttpExchange exchange) throws IOException {
    send(
        exchange,
        200,
        "text/html; charset=utf-8",
        "<!DOCTYPE html><html><body><h1>Please wait</h1><p>Checking your browser...</p></body></html>"
            .getBytes(StandardCharsets.UTF_8));
  }

  private boolean authorised(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.equals("Bearer " + apiKey)) {
      return true;
    }
    exchange.getRequestBody().readAllBytes();
    error(exchange, 401, "Invalid API key", "authentication_error", null);
    return false;
  }

  private void submit(HttpExchange exchange) throws IOException {
    Fault fault = before(Endpoint.SUBMIT, exchange);
    if (answered(fault)) {
      return;
    }
    if (!authorised(exchange)) {
      return;
    }
    JsonNode body;
    try {
      body = json.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      error(exchange, 400, "Invalid parameters: the body is not JSON", "invalid_request", null);
      return;
    }
    if (body == null
        || !body.isObject()
        || !GenerationRequest.MODEL.equals(body.path(WireFormat.MODEL).asText())) {
      error(
          exchange,
          400,
          "Invalid parameters: model must be " + GenerationRequest.MODEL,
          "invalid_request",
          null);
      return;
    }
    GenerationRequest request;
    try {
      request = WireFormat.fromBody(body).validate();
    } catch (InvalidInputException e) {
      error(exchange, 400, "Invalid parameters: " + e.violations(), "invalid_request", null);
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.ANSWER && !fault.createsTask()) {
      answer(exchange, fault, null);
      return;
    }
    long cost = request.estimatedCredits();
    String id;
    // Checking the limit and creating the task in one step: two submits cannot both take the
    // last place.
    synchronized (this) {
      if (runningNow() >= maxRunning) {
        refuseForLimit(exchange);
        return;
      }
      if (creditBalance < cost) {
        error(exchange, 402, "Insufficient credits", "insufficient_credits", null);
        return;
      }
      if (creditBalance != Long.MAX_VALUE) {
        creditBalance -= cost;
      }
      id =
          "sim"
              + taskSequence.incrementAndGet()
              + "_"
              + Long.toHexString(System.nanoTime())
              + "_pixverse";
      tasks.put(id, new SimulatedTask(id, request, System.nanoTime(), new AtomicInteger()));
      peakRunning.accumulateAndGet(runningNow(), Math::max);
    }
    tasksCreated.incrementAndGet();
    creditsSpent.addAndGet(cost);
    taskIds.add(id);
    if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_READ) {
      throw new DroppedConnection();
    }
    if (fault != null && fault.kind() == Fault.Kind.ANSWER) {
      answer(exchange, fault, id);
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.HTML_PAGE) {
      htmlPage(exchange);
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.MALFORMED_BODY) {
      send(
          exchange, 200, "text/html", "<html>502 upstream hiccup".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON) {
      send(
          exchange,
          200,
          "application/json",
          ("{\"code\":200,\"data\":{\"task_id\":\"" + id).getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.ANSWER_LATE) {
      sleep(fault.delay());
    }
    ObjectNode data = json.createObjectNode();
    data.put(WireFormat.TASK_ID, id);
    data.put(
        WireFormat.STATUS,
        fault == null
            ? "IN_PROGRESS"
            : switch (fault.kind()) {
              case UNKNOWN_STATUS -> Fault.UNKNOWN_STATUS_WORD;
              case COMPLETED_WITHOUT_URL -> "completed";
              default -> "IN_PROGRESS";
            });
    sendJson(exchange, 200, envelope(data));
  }

  private void status(HttpExchange exchange, String id) throws IOException {
    Fault fault = before(Endpoint.STATUS, exchange);
    if (answered(fault)) {
      return;
    }
    if (!authorised(exchange)) {
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_READ) {
      throw new DroppedConnection();
    }
    if (fault != null && fault.kind() == Fault.Kind.MALFORMED_BODY) {
      send(
          exchange,
          200,
          "application/json",
          "{\"code\":200,\"data\":".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON) {
      send(
          exchange,
          200,
          "application/json",
          ("{\"code\":200,\"data\":{\"task_id\":\"" + id).getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.HTML_PAGE) {
      htmlPage(exchange);
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.ANSWER) {
      answer(exchange, fault, id);
      return;
    }
    SimulatedTask task = tasks.get(id);
    if (task == null) {
      error(exchange, 404, "Task not found", "not_found", null);
      return;
    }
    int polls = task.polls().incrementAndGet();
    Duration ownTime = generationTimeByPrompt.apply(task.request().prompt());
    boolean done =
        pollsUntilDone > 0
            ? polls >= pollsUntilDone
            : System.nanoTime() - task.createdNanos()
                >= (ownTime == null ? generationTime : ownTime).toNanos();
    ObjectNode data = json.createObjectNode();
    data.put(WireFormat.TASK_ID, id);
    String prompt = task.request().prompt();
    if (fault != null && fault.kind() == Fault.Kind.UNKNOWN_STATUS) {
      data.put(WireFormat.STATUS, Fault.UNKNOWN_STATUS_WORD);
    } else if (fault != null && fault.kind() == Fault.Kind.COMPLETED_WITHOUT_URL) {
      data.put(WireFormat.STATUS, "completed");
    } else if (!done) {
      data.put(WireFormat.STATUS, "IN_PROGRESS");
    } else if (prompt.contains(REJECT_MARKER)) {
      data.put(WireFormat.STATUS, "failed");
      data.put("error", "Content moderation: the prompt violates the content policy");
    } else if (prompt.contains(FAIL_MARKER)) {
      data.put(WireFormat.STATUS, "failed");
      data.put("error", "Generation failed: simulated model error");
    } else {
      data.put(WireFormat.STATUS, "completed");
      data.putObject("output").put("video_url", fileUrl(id + ".mp4"));
    }
    sendJson(exchange, 200, statusShape == StatusShape.FLAT ? data : envelope(data));
  }

  private void download(HttpExchange exchange, String name) throws IOException {
    if (exchange.getRequestHeaders().containsKey("Authorization")) {
      downloadsWithCredentials.incrementAndGet();
    }
    Fault fault = before(Endpoint.DOWNLOAD, exchange);
    if (answered(fault)) {
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.HTML_PAGE) {
      htmlPage(exchange);
      return;
    }
    if (fault != null
        && (fault.kind() == Fault.Kind.TRUNCATED_JSON
            || fault.kind() == Fault.Kind.MALFORMED_BODY)) {
      send(
          exchange,
          200,
          "application/json",
          "{\"code\":200,\"data\":{\"url\":\"".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.COMPLETED_WITHOUT_URL) {
      send(exchange, 200, "video/mp4", new byte[0]);
      return;
    }
    long size;
    if (name.startsWith(GENERATED_FILE_PREFIX) && name.endsWith(".mp4")) {
      size = Long.parseLong(name.substring(GENERATED_FILE_PREFIX.length(), name.length() - 4));
    } else if (name.endsWith(".mp4") && tasks.containsKey(name.substring(0, name.length() - 4))) {
      size = videoBytes >= 0 ? videoBytes : sampleVideo.length;
    } else {
      error(exchange, 404, "File not found", "not_found", null);
      return;
    }
    boolean truncate = fault != null && fault.kind() == Fault.Kind.DROP_AFTER_READ;
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, size);
    OutputStream out = exchange.getResponseBody();
    long limit = truncate ? size / 2 : size;
    if (name.startsWith(GENERATED_FILE_PREFIX) || videoBytes >= 0) {
      byte[] chunk = new byte[64 * 1024];
      long pause =
          videoBytesPerSecond == Long.MAX_VALUE ? 0 : chunk.length * 1000L / videoBytesPerSecond;
      for (long sent = 0; sent < limit; sent += chunk.length) {
        if (sent >= holdVideosAfter && !name.startsWith(GENERATED_FILE_PREFIX)) {
          out.flush();
          try {
            videoHold.await(2, java.util.concurrent.TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        out.write(chunk, 0, (int) Math.min(chunk.length, limit - sent));
        if (pause > 0) {
          out.flush();
          try {
            Thread.sleep(pause);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    } else {
      out.write(sampleVideo, 0, (int) limit);
    }
    out.flush();
    if (truncate) {
      throw new DroppedConnection();
    }
  }

  private ObjectNode envelope(JsonNode data) {
    ObjectNode root = json.createObjectNode();
    root.put(WireFormat.CODE, 200);
    root.put(WireFormat.MESSAGE, "success");
    root.set(WireFormat.DATA, data);
    return root;
  }

  private void error(
      HttpExchange exchange, int status, String message, String type, String retryAfter)
      throws IOException {
    ObjectNode root = json.createObjectNode();
    ObjectNode error = root.putObject(WireFormat.ERROR);
    error.put(WireFormat.CODE, status);
    error.put(WireFormat.MESSAGE, message);
    error.put(WireFormat.TYPE, type);
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    sendJson(exchange, status, root);
  }

  private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    // -1 announces an empty body (Content-Length: 0); 0 would mean chunked.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  private static String simulatedMessage(int status) {
    return switch (status) {
      case 400 -> "Invalid parameters";
      case 401 -> "Invalid API key";
      case 402 -> "Insufficient credits";
      case 404 -> "Not found";
      case 429 -> "Too many requests";
      default -> status >= 500 ? "Internal server error" : "Request failed";
    };
  }

  private static String simulatedType(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 401, 403 -> "authentication_error";
      case 402 -> "insufficient_credits";
      case 429 -> "rate_limit_exceeded";
      default -> status >= 500 ? "server_error" : "request_failed";
    };
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
