/**
 * The runnable worker application ({@code java -jar ...-exec.jar}) and its readiness check on the
 * Camunda cluster.
 */
@NullMarked
package io.github.pixversecamunda.app;

import org.jspecify.annotations.NullMarked;
