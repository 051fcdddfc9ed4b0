/** Micrometer metrics behind the job handlers' and the API client's hooks. */
@NullMarked
package io.github.pixversecamunda.metrics;

import org.jspecify.annotations.NullMarked;
