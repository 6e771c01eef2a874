/**
 * Parquet files through parquet-mr's file layout, without the Hadoop stack, with pages encoded and
 * decoded by our own loops over whole pages.
 *
 * <p>Writers encode each page themselves ({@link io.trapscope.formats.parquet.ColumnChunkWriter}) and hand
 * parquet-mr the encoded pages to lay out: headers, statistics, indexes, the footer, whose {@code
 * created_by} names trapscope. Readers let parquet-mr read, check and decompress pages, and decode them in
 * one of two ways: whole pages at a time ({@link io.trapscope.formats.parquet.FastColumnReader}) when every
 * chunk is in an encoding it knows, which covers the files we write and DuckDB's defaults, otherwise
 * through parquet-mr's column readers. Both check every size a footer or page header claims before
 * trusting it, and read files other writers made (every column optional, narrower integers) as long as
 * their values are the table's. Compression is our own codec factory over zstd-jni and snappy-java, given
 * to both sides.
 */
package io.trapscope.formats.parquet;
