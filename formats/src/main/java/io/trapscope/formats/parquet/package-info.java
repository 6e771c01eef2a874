/**
 * Parquet files through parquet-mr's column writers and readers, without the Hadoop stack.
 *
 * <p>Writers go straight to the column write store, column by column, skipping record assembly; readers
 * go straight to column readers and check every size a footer or page header claims before trusting it.
 * Compression is our own codec factory over zstd-jni and snappy-java, given to both sides.
 */
package io.trapscope.formats.parquet;
