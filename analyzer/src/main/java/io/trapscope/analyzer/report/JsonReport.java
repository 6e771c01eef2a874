package io.trapscope.analyzer.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TimelineState;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.formats.Manifest;
import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.IntrospectionConfig;
import io.trapscope.model.scenario.Kernel;
import io.trapscope.model.scenario.MachineConfig;
import io.trapscope.model.scenario.Patch;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.XenVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The stable machine format, documented in docs/FINDINGS_FORMAT.md. Its own records, not the analyzer's,
 * so that internal changes cannot change the format by accident; a golden-file test seals it.
 */
final class JsonReport {
  /** Bumped whenever a field changes meaning or disappears; added fields do not bump it. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonReport() {}

  @JsonPropertyOrder({"format", "formatVersion", "failOn", "traces"})
  record Document(String format, int formatVersion, String failOn, List<TraceDocument> traces) {}

  @JsonPropertyOrder({"trace", "verdict", "verdictReason", "seed", "description", "machine", "run", "events", "rules", "findingsTotal", "findingsShown", "findings"})
  record TraceDocument(
      String trace,
      String verdict,
      String verdictReason,
      long seed,
      String description,
      MachineDocument machine,
      Manifest.Run run,
      long events,
      List<RuleDocument> rules,
      long findingsTotal,
      long findingsShown,
      List<FindingDocument> findings) {}

  /** The traced machine as FINDINGS_FORMAT.md documents it: the scenario's machine and its memory-event settings. */
  @JsonPropertyOrder({"hypervisor", "kernel", "patches", "eagerfpu", "vcpus", "xen", "introspection"})
  record MachineDocument(
      Hypervisor hypervisor, Kernel kernel, List<Patch> patches, boolean eagerfpu, int vcpus, XenVersion xen, IntrospectionConfig introspection) {
    static MachineDocument of(Scenario scenario) {
      MachineConfig machine = scenario.machine();
      return new MachineDocument(
          machine.hypervisor(), machine.kernel(), machine.patches(), machine.eagerfpu(), machine.vcpus(), machine.xen(), scenario.introspection());
    }
  }

  @JsonPropertyOrder({"id", "severity", "title", "applicable", "reason", "findings", "fixes", "family", "inScope"})
  record RuleDocument(
      String id, String severity, String title, boolean applicable, String reason, long findings, List<Fix> fixes, String family, boolean inScope) {}

  @JsonPropertyOrder({"id", "rule", "severity", "score", "firstSeq", "lastSeq", "vcpu", "task", "summary", "explanation", "evidence", "causedBy", "fixes", "timeline", "timelineStates"})
  record FindingDocument(
      long id,
      String rule,
      String severity,
      int score,
      long firstSeq,
      long lastSeq,
      int vcpu,
      int task,
      String summary,
      String explanation,
      List<EvidenceRow> evidence,
      List<Long> causedBy,
      List<String> fixes,
      List<EvidenceRow> timeline,
      List<TimelineState> timelineStates) {}

  static void render(List<TraceAnalysis> analyses, Severity failOn, PrintWriter out) {
    List<TraceDocument> traces = new ArrayList<>();
    for (TraceAnalysis analysis : analyses) {
      traces.add(document(analysis));
    }
    Document document = new Document("trapscope-findings", FORMAT_VERSION, failOn.id(), traces);
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
    try {
      out.print(MAPPER.writer(printer).writeValueAsString(document));
      out.print('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report always serialises", e);
    }
  }

  private static TraceDocument document(TraceAnalysis analysis) {
    List<FindingDocument> findings = new ArrayList<>();
    for (Finding finding : analysis.findings()) {
      findings.add(
          new FindingDocument(
              finding.id(),
              finding.rule(),
              finding.severity().id(),
              finding.score(),
              finding.firstSeq(),
              finding.lastSeq(),
              finding.vcpu(),
              finding.task(),
              finding.summary(),
              finding.explanation(),
              finding.evidence(),
              finding.causedBy(),
              finding.fixes().stream().map(Fix::id).toList(),
              finding.timeline(),
              finding.timelineStates()));
    }
    List<RuleDocument> rules = new ArrayList<>();
    for (RuleResult rule : analysis.rules()) {
      rules.add(
          new RuleDocument(
              rule.id(),
              rule.severity().id(),
              rule.title(),
              rule.applicable(),
              rule.reason(),
              rule.findings(),
              rule.fixes(),
              rule.family().id(),
              rule.inScope()));
    }
    return new TraceDocument(
        analysis.trace(),
        analysis.verdict().id(),
        analysis.verdictReason(),
        analysis.seed(),
        analysis.description(),
        MachineDocument.of(analysis.scenario()),
        analysis.run(),
        analysis.events(),
        rules,
        analysis.findingsTotal(),
        findings.size(),
        findings);
  }
}
