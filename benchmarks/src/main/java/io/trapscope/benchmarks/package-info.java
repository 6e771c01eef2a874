/**
 * JMH benchmarks of the emulator, the Parquet writer and reader, and end-to-end recording, analysis and
 * replay; the Parquet page kernels' benchmark is {@code io.trapscope.formats.parquet.PageKernelBenchmark},
 * in this module but in the kernels' package. Run them by hand, as docs/PERFORMANCE.md says; no test runs
 * them.
 */
package io.trapscope.benchmarks;
