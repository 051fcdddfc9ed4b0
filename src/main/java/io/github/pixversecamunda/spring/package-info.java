/**
 * Spring Boot auto-configuration of the workers, the {@code pixverse.*} properties, health and the
 * deployment of the bundled processes at start.
 */
@NullMarked
package io.github.pixversecamunda.spring;

import org.jspecify.annotations.NullMarked;
