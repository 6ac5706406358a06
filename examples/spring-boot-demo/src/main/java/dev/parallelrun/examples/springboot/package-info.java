/** A quote service that runs a new pricing engine beside the old one, through the Spring Boot starter. */
@NullMarked
package dev.parallelrun.examples.springboot;

import org.jspecify.annotations.NullMarked;
