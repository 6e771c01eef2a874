package io.trapscope.recorder;

import io.trapscope.formats.InputFiles;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.ScenarioException;
import io.trapscope.model.scenario.Suggestions;
import io.trapscope.samples.Samples;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Finds a scenario by path or by sample name and parses it with overrides. */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /**
   * Loads {@code reference}: a path to a JSON file if one exists there, else a sample's name.
   *
   * @param overrides {@code path=value} assignments
   * @param seed a seed replacing the scenario's, or null
   */
  public static Scenario load(String reference, List<String> overrides, Long seed) {
    Path path = Path.of(reference);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return ScenarioCodec.parse(readText(path), path.toString(), overrides, seed);
    }
    String sample = Samples.read(reference);
    if (sample != null) {
      return ScenarioCodec.parse(sample, "sample " + reference, overrides, seed);
    }
    boolean looksLikePath = reference.contains("/") || reference.endsWith(".json");
    List<String> names = Samples.names();
    throw new ScenarioException(
        reference,
        "",
        (looksLikePath ? "no such file" : "no such file or sample")
            + Suggestions.hint(reference, names)
            + " (run 'trapscope scenarios' for the samples)");
  }

  private static String readText(Path path) {
    try {
      // Checked before a byte is read: a FIFO would block for ever and /dev/zero would never end.
      String refusal = InputFiles.refusal(path, ScenarioCodec.SOURCE_CHARS_MAX);
      if (refusal != null) {
        throw new ScenarioException(path.toString(), "", refusal);
      }
      byte[] bytes = InputFiles.readBounded(path, ScenarioCodec.SOURCE_CHARS_MAX);
      if (bytes == null) {
        throw new ScenarioException(path.toString(), "", "grew past " + ScenarioCodec.SOURCE_CHARS_MAX + " bytes while read");
      }
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ScenarioException(path.toString(), "", "not UTF-8 text");
    } catch (IOException e) {
      throw new ScenarioException(path.toString(), "", "cannot read: " + e.getMessage());
    }
  }
}
