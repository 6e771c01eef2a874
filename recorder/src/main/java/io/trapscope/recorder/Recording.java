package io.trapscope.recorder;

import io.trapscope.emulator.RunResult;
import io.trapscope.formats.Manifest;
import java.nio.file.Path;

/**
 * A finished recording.
 *
 * @param trace where the trace is
 * @param manifest its manifest
 * @param run how the run ended
 */
public record Recording(Path trace, Manifest manifest, RunResult run) {}
