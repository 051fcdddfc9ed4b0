package io.github.pixversecamunda.testing;

import java.util.List;

/**
 * Ids of the shipped processes (bpmn/ and bpmn/examples/) and of the elements the tests start, wait
 * at and end in, so a test names them once; ProcessIdsTest checks each against the BPMN files.
 */
public final class ProcessIds {

  // Processes (bpmn:process ids).
  public static final String TEXT_TO_VIDEO = "pixverse-text-to-video";
  public static final String IMAGE_TO_VIDEO = "pixverse-image-to-video";
  public static final String BATCH = "pixverse-batch";
  public static final String REVIEW = "pixverse-review";
  public static final String PICKUP = "pixverse-pickup";
  public static final String TEASER_AND_VIDEO = "pixverse-teaser-and-video";
  public static final String CONTENT_AGENT = "pixverse-content-agent";

  public static final List<String> PROCESSES =
      List.of(
          TEXT_TO_VIDEO, IMAGE_TO_VIDEO, BATCH, REVIEW, PICKUP, TEASER_AND_VIDEO, CONTENT_AGENT);

  // Steps and ends of both single-video processes (text and image).
  public static final String GENERATE_VIDEO = "generate_video";
  public static final String SUBMIT_VIDEO = "submit_video";
  public static final String AWAIT_TASK = "await_task";
  public static final String WAIT_BEFORE_NEXT_CHECK = "wait_before_next_check";
  public static final String DOWNLOAD_VIDEO = "download_video";
  public static final String END_VIDEO_READY = "end_video_ready";
  public static final String END_BUDGET_EXCEEDED = "end_budget_exceeded";
  public static final String END_INVALID_INPUT = "end_invalid_input";
  public static final String END_INVALID_REQUEST = "end_invalid_request";
  public static final String END_CONTENT_REJECTED = "end_content_rejected";
  public static final String END_DEADLINE_PASSED = "end_deadline_passed";
  public static final String END_INSUFFICIENT_CREDITS = "end_insufficient_credits";
  public static final String END_TASK_NOT_FOUND = "end_task_not_found";
  public static final String END_GENERATION_FAILED = "end_generation_failed";
  public static final String END_VIDEO_EXPIRED = "end_video_expired";
  public static final String END_DOWNLOAD_REFUSED = "end_download_refused";
  public static final String END_FILE_EXISTS = "end_file_exists";

  public static final List<String> SINGLE_VIDEO_ELEMENTS =
      List.of(
          GENERATE_VIDEO,
          SUBMIT_VIDEO,
          AWAIT_TASK,
          WAIT_BEFORE_NEXT_CHECK,
          DOWNLOAD_VIDEO,
          END_VIDEO_READY,
          END_BUDGET_EXCEEDED,
          END_INVALID_INPUT,
          END_INVALID_REQUEST,
          END_CONTENT_REJECTED,
          END_DEADLINE_PASSED,
          END_INSUFFICIENT_CREDITS,
          END_TASK_NOT_FOUND,
          END_GENERATION_FAILED,
          END_VIDEO_EXPIRED,
          END_DOWNLOAD_REFUSED,
          END_FILE_EXISTS);

  /** Ends of the single-video processes that the teaser example repeats under the same ids. */
  public static final List<String> TEASER_ELEMENTS =
      List.of(END_BUDGET_EXCEEDED, END_INVALID_INPUT, END_CONTENT_REJECTED, END_DEADLINE_PASSED);

  // The batch process.
  public static final String BATCH_RESERVE_CREDITS = "reserve_credits";
  public static final String BATCH_GENERATE_ONE_VIDEO = "generate_one_video";
  public static final String BATCH_END_DONE = "end_batch_done";

  // The review process.
  public static final String REVIEW_END_APPROVED = "end_approved";
  public static final String REVIEW_END_REJECTED = "end_rejected";
  public static final String REVIEW_END_OUT_OF_TAKES = "end_out_of_takes";
  public static final String REVIEW_END_TOTAL_BUDGET_REACHED = "end_total_budget_reached";

  // The examples.
  public static final String TEASER_END_VIDEOS_READY = "end_videos_ready";
  public static final String AGENT_TOOL_MAKE_VIDEO = "make_video";
  public static final String AGENT_END_POST_DONE = "end_post_done";

  private ProcessIds() {}
}
