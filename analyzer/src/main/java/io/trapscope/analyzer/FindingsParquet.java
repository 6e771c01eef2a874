package io.trapscope.analyzer;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.WriterOptions;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams findings to a Parquet file, one row per evidence event, joinable with {@code events} on
 * {@code seq}. Written under a hidden temporary name and renamed when complete.
 */
public final class FindingsParquet implements FindingListener, Closeable {
  private static final int TRACE = 0;
  private static final int FINDING_ID = 1;
  private static final int RULE = 2;
  private static final int SEVERITY = 3;
  private static final int SCORE = 4;
  private static final int FIRST_SEQ = 5;
  private static final int LAST_SEQ = 6;
  private static final int VCPU = 7;
  private static final int TASK = 8;
  private static final int SEQ = 9;
  private static final int ROLE = 10;

  private final Path target;
  private final Path partial;
  private final io.trapscope.formats.TableWriter writer;
  private final ColumnBatch batch = ColumnBatch.create(Table.FINDINGS, 4096);
  private String trace = "";
  private boolean closed;

  public FindingsParquet(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    if (Files.isDirectory(this.target)) {
      throw new TraceFormatException(target, "is a directory; --findings-parquet takes a file name");
    }
    Path parent = this.target.getParent();
    Files.createDirectories(parent);
    this.partial = parent.resolve("." + this.target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    this.writer = TraceFormat.PARQUET.newWriter(partial, Table.FINDINGS, WriterOptions.defaults(), null);
  }

  /** Findings from now on belong to {@code traceName}. */
  public void startTrace(String traceName) {
    this.trace = traceName;
  }

  @Override
  public void finding(Finding finding) throws IOException {
    for (EvidenceRow row : finding.evidence()) {
      if (batch.isFull()) {
        flush();
      }
      int index = batch.addRow();
      batch.setString(TRACE, index, trace);
      batch.set(FINDING_ID, index, finding.id());
      batch.setString(RULE, index, finding.rule());
      batch.setString(SEVERITY, index, finding.severity().id());
      batch.set(SCORE, index, finding.score());
      batch.set(FIRST_SEQ, index, finding.firstSeq());
      batch.set(LAST_SEQ, index, finding.lastSeq());
      batch.set(VCPU, index, finding.vcpu());
      batch.set(TASK, index, finding.task());
      batch.set(SEQ, index, row.seq());
      batch.setString(ROLE, index, row.role());
    }
  }

  private void flush() throws IOException {
    writer.write(batch);
    batch.clear();
  }

  /** Completes the file and moves it into place. */
  public void finish() throws IOException {
    flush();
    writer.close();
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    closed = true;
  }

  /** Abandons the file unless {@link #finish()} completed it. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        writer.close();
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
