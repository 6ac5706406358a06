/**
 * What every publisher must do, as a JUnit suite a publisher's tests extend
 * ({@link dev.parallelrun.publisher.contract.PublisherContractTest}), and the sample results it feeds them
 * ({@link dev.parallelrun.publisher.contract.SampleResults}).
 */
@NullMarked
package dev.parallelrun.publisher.contract;

import org.jspecify.annotations.NullMarked;
