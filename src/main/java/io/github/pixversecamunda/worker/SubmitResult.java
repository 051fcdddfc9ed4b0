package io.github.pixversecamunda.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the submit worker hands the process ({@value Variables#DEFAULT_SUBMIT_RESULT} by default),
 * and what the await worker reads back from it. Written and read through Jackson ({@link Results}).
 *
 * @param status the API's word for the new task (absent when it gave none)
 * @param mode "text" or "image" (absent, like the estimate and the parameters, when a recorded task
 *     is resumed whose inputs no longer check out)
 * @param resumed true when a redelivered job completed with the task an earlier attempt submitted
 * @param parameters the generation as sent: the model and every field under its variable name
 * @param taskId the API's id of the paid task
 * @param estimatedCredits the price by the credit table
 * @param submittedAt when the API accepted the submit, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitResult(
    @Nullable String taskId,
    @Nullable String status,
    @Nullable String mode,
    @Nullable Integer estimatedCredits,
    @Nullable String submittedAt,
    boolean resumed,
    @Nullable Map<String, Object> parameters) {}
