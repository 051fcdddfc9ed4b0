package io.github.pixversecamunda.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a submit task waits for while the account's limit refuses it ({@value
 * Variables#SUBMIT_WAIT}, a local variable of the task that Operate shows). Written and read
 * through Jackson ({@link Results}).
 *
 * @param reason {@code concurrency_limited} (the plan's generations at once) or {@code
 *     rate_limited}
 * @param refusals refusals the API answered to this task's submits so far
 * @param waits times this task waited (a refusal, or this replica holding submits back)
 * @param since when this task first waited
 * @param nextTryAt when the job is handed out again
 * @param lastMessage the last refusal as the API worded it (redacted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitWait(
    @Nullable String reason,
    int refusals,
    int waits,
    @Nullable String since,
    @Nullable String nextTryAt,
    @Nullable String lastMessage) {}
