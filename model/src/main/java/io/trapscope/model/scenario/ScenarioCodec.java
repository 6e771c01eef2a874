package io.trapscope.model.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns scenario JSON into a {@link Scenario}: fills in defaults, applies {@code --set path=value}
 * overrides, binds, and validates, reporting every problem as a {@link ScenarioException} that names the
 * source and the field's path.
 */
public final class ScenarioCodec {
  /** Scenarios are a few hundred bytes; anything near this is not a scenario. */
  public static final int SOURCE_CHARS_MAX = 1 << 20;

  private static final ObjectMapper MAPPER = newMapper();

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .registerSubtypes(workloadSubtypes())
            .build();
    // Every JSON type stands for itself: without these Jackson reads 7 as the string "7", "2" as the number 2
    // and 1 as an enum's second constant, so a mistyped scenario would run as something it does not say.
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Float, CoercionInputShape.Boolean);
    // An integer is a number, so 1 stays a valid probability; a string or true is not.
    refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString);
    return mapper;
  }

  private static void refuse(JsonMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }

  private ScenarioCodec() {}

  /** The workload section's subtypes, one per registered workload, named as {@code workload.name} names them. */
  private static NamedType[] workloadSubtypes() {
    WorkloadType[] types = WorkloadType.values();
    NamedType[] subtypes = new NamedType[types.length];
    for (int index = 0; index < types.length; index++) {
      subtypes[index] = new NamedType(types[index].configClass(), types[index].id());
    }
    return subtypes;
  }

  /**
   * Parses a scenario document.
   *
   * @param json the document
   * @param source how to name the document in messages, such as its path
   * @param overrides {@code path=value} assignments applied after the defaults, in order
   * @param seed a seed that replaces the document's, or null
   */
  public static Scenario parse(String json, String source, List<String> overrides, Long seed) {
    if (json.length() > SOURCE_CHARS_MAX) {
      throw new ScenarioException(source, "", "too large for a scenario (" + json.length() + " characters)");
    }
    JsonNode document;
    try {
      document = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source, "", malformed(e));
    }
    if (document == null || !document.isObject()) {
      throw new ScenarioException(source, "", "a scenario is a JSON object");
    }
    return resolve((ObjectNode) document, source, overrides, seed);
  }

  /** Binds a resolved scenario tree, such as the one stored in a trace's manifest. */
  public static Scenario fromTree(JsonNode tree, String source) {
    if (tree == null || !tree.isObject()) {
      throw new ScenarioException(source, "scenario", "expected an object");
    }
    return resolve((ObjectNode) tree.deepCopy(), source, List.of(), null);
  }

  /** The fully resolved tree of a scenario, every field present, in declaration order. */
  public static ObjectNode toTree(Scenario scenario) {
    return MAPPER.valueToTree(scenario);
  }

  /** The scenario as compact JSON. */
  public static String toJson(Scenario scenario) {
    try {
      return MAPPER.writeValueAsString(scenario);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scenario always serialises", e);
    }
  }

  private static Scenario resolve(ObjectNode document, String source, List<String> overrides, Long seed) {
    refuseNulls(document, "", source);
    ObjectNode merged = defaultsFor(document, source);
    checkKnownFields(document, merged, "", source);
    merge(merged, document);
    for (String override : overrides) {
      applyOverride(merged, override, source);
    }
    if (seed != null) {
      merged.put("seed", seed.longValue());
    }
    Scenario scenario;
    try {
      scenario = MAPPER.treeToValue(merged, Scenario.class);
    } catch (JsonMappingException e) {
      throw new ScenarioException(source, pathOf(e), describe(e));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source, "", malformed(e));
    }
    ScenarioValidator.validate(scenario, source);
    return scenario;
  }

  /**
   * Refuses a JSON null anywhere: every scenario field has a value, and the merge would otherwise let null
   * replace a default and reach the emulator as a missing section.
   */
  private static void refuseNulls(JsonNode node, String path, String source) {
    if (node.isNull()) {
      throw new ScenarioException(source, path, "null where a value is required");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        refuseNulls(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), source);
      }
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        refuseNulls(node.get(index), path + "[" + index + "]", source);
      }
    }
  }

  /** The default tree for this document, with the defaults of the workload it names. */
  private static ObjectNode defaultsFor(ObjectNode document, String source) {
    Scenario defaults = Scenario.defaults();
    JsonNode workload = document.get("workload");
    String name = defaults.workload().name();
    if (workload != null && workload.isObject() && workload.has("name")) {
      JsonNode nameNode = workload.get("name");
      if (!nameNode.isTextual()) {
        throw new ScenarioException(source, "workload.name", "expected a string");
      }
      name = nameNode.asText();
    }
    ObjectNode tree = toTree(defaults);
    tree.set("workload", workloadDefaults(name, source, "workload.name"));
    return tree;
  }

  private static JsonNode workloadDefaults(String name, String source, String path) {
    WorkloadConfig workload = WorkloadConfig.defaultsFor(name);
    if (workload == null) {
      throw new ScenarioException(
          source,
          path,
          "unknown workload '" + name + "' (known: " + String.join(", ", WorkloadConfig.names()) + ")"
              + Suggestions.hint(name, WorkloadConfig.names()));
    }
    return MAPPER.valueToTree(workload);
  }

  private static void checkKnownFields(JsonNode given, JsonNode known, String path, String source) {
    if (!given.isObject()) {
      return;
    }
    if (!known.isObject()) {
      throw new ScenarioException(source, path, "expected " + kindOf(known) + ", got an object");
    }
    List<String> names = fieldNames(known);
    for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode knownValue = known.get(field.getKey());
      if (knownValue == null) {
        throw new ScenarioException(
            source,
            fieldPath,
            "unknown field" + Suggestions.hint(field.getKey(), names) + " (known here: " + String.join(", ", names) + ")");
      }
      if (knownValue.isObject()) {
        if (!field.getValue().isObject()) {
          throw new ScenarioException(source, fieldPath, "expected an object");
        }
        checkKnownFields(field.getValue(), knownValue, fieldPath, source);
      }
    }
  }

  private static void merge(ObjectNode target, JsonNode overlay) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) existing, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void applyOverride(ObjectNode tree, String override, String source) {
    int equals = override.indexOf('=');
    if (equals <= 0) {
      throw new ScenarioException(source, "", "--set '" + override + "': expected path=value, e.g. machine.vcpus=2");
    }
    String path = override.substring(0, equals).trim();
    String text = override.substring(equals + 1).trim();
    String[] segments = path.split("\\.", -1);
    ObjectNode parent = tree;
    StringBuilder walked = new StringBuilder();
    for (int index = 0; index < segments.length; index++) {
      String segment = segments[index];
      if (walked.length() > 0) {
        walked.append('.');
      }
      walked.append(segment);
      JsonNode child = parent.get(segment);
      if (child == null) {
        List<String> names = fieldNames(parent);
        throw new ScenarioException(
            source,
            walked.toString(),
            "--set: unknown field" + Suggestions.hint(segment, names) + " (known here: " + String.join(", ", names) + ")");
      }
      if (index < segments.length - 1) {
        if (!child.isObject()) {
          throw new ScenarioException(source, walked.toString(), "--set: not a section, so it has no fields");
        }
        parent = (ObjectNode) child;
        continue;
      }
      if (path.equals("workload.name")) {
        tree.set("workload", workloadDefaults(text, source, path));
        return;
      }
      parent.set(segment, convert(child, text, source, path));
    }
  }

  private static JsonNode convert(JsonNode existing, String text, String source, String path) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (existing.isObject()) {
      throw new ScenarioException(
          source, path, "--set: is a section; set one of its fields: " + String.join(", ", fieldNames(existing)));
    }
    if (existing.isArray()) {
      ArrayNode array = nodes.arrayNode();
      for (String element : text.split(",", -1)) {
        if (!element.isBlank()) {
          array.add(element.trim());
        }
      }
      return array;
    }
    if (existing.isBoolean()) {
      if (!text.equals("true") && !text.equals("false")) {
        throw new ScenarioException(source, path, "--set: expected true or false, got '" + text + "'");
      }
      return nodes.booleanNode(Boolean.parseBoolean(text));
    }
    if (existing.isIntegralNumber()) {
      try {
        return nodes.numberNode(new BigDecimal(text.replace("_", "")).longValueExact());
      } catch (ArithmeticException | NumberFormatException e) {
        throw new ScenarioException(source, path, "--set: expected an integer, got '" + text + "'");
      }
    }
    if (existing.isNumber()) {
      try {
        return nodes.numberNode(Double.parseDouble(text));
      } catch (NumberFormatException e) {
        throw new ScenarioException(source, path, "--set: expected a number, got '" + text + "'");
      }
    }
    return nodes.textNode(text);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof InvalidFormatException) {
      InvalidFormatException invalid = (InvalidFormatException) e;
      Class<?> target = invalid.getTargetType();
      if (target != null && target.isEnum() && Named.class.isAssignableFrom(target)) {
        List<String> ids = new ArrayList<>();
        for (Object constant : target.getEnumConstants()) {
          ids.add(((Named) constant).id());
        }
        String value = String.valueOf(invalid.getValue());
        return "unknown value '" + value + "' (expected one of: " + String.join(", ", ids) + ")"
            + Suggestions.hint(value, ids);
      }
      return "bad value '" + invalid.getValue() + "': expected " + typeName(target);
    }
    if (e instanceof MismatchedInputException) {
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      return "expected " + typeName(target);
    }
    return firstLine(e.getOriginalMessage());
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isEnum()) {
      return "a string naming a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
    return "an object";
  }

  private static String kindOf(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true or false";
    }
    return "a string";
  }

  private static String malformed(JsonProcessingException e) {
    String where =
        e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
