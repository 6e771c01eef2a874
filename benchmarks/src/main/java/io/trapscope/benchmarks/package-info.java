/**
 * JMH benchmarks of the emulator, the Parquet writer and end-to-end recording. Run them by hand, as
 * docs/PERFORMANCE.md says; no test runs them.
 */
package io.trapscope.benchmarks;
