package org.channelwatch.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.channelwatch.connectors.privacy.PersonalData;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;
import org.channelwatch.domain.Regions;
import org.channelwatch.domain.VisitPurpose;

/**
 * Turns one record value into a valid {@link ChannelEvent} or a rejection with a reason, checking
 * every rule of contract 1.1 to 1.4 except {@code late}, which needs the watermark.
 *
 * <p>Never throws for any input: whatever the bytes, the result is accepted or rejected. Checks
 * run in the contract's order of reasons, so a record with several defects gets the first. The
 * processing clock is passed in, for {@code bad_time}. Thread-safe.
 */
public final class EventParser implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Contract 1.4: a record value over 64 KiB is {@code too_large}. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
  static final Duration MAX_FUTURE = Duration.ofDays(1);

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern APPLICANT_ID = Pattern.compile("[A-Za-z0-9_-]{8,128}");
  private static final Pattern RFC3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final int MAX_ECHOED_CHARS = 80;

  private final Clock clock;
  private transient ObjectMapper mapper;
  // One per thread: it reuses its buffers.
  private transient volatile ThreadLocal<FlatEventReader> flat;

  /** A parser whose {@code bad_time} check measures against {@code clock}. */
  public EventParser(Clock clock) {
    this.clock = clock;
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = newMapper();
    }
    return mapper;
  }

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Two values for one key make an event ambiguous; we refuse to guess which counts.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    return mapper;
  }

  /** Parses one record value; a null value (a Kafka tombstone) is malformed. */
  public ParseResult parse(byte[] value) {
    if (value != null && value.length <= MAX_RECORD_BYTES) {
      ChannelEvent quick = flatReader().read(value);
      if (quick != null) {
        return ParseResult.accepted(quick);
      }
    }
    return parseCarefully(value);
  }

  private FlatEventReader flatReader() {
    if (flat == null) {
      flat = ThreadLocal.withInitial(() -> new FlatEventReader(clock));
    }
    return flat.get();
  }

  /**
   * Parses one record value by reading it into a JSON tree first, for every record the {@link
   * FlatEventReader} leaves: it alone rejects. Visible so that tests hold the two to the same answers.
   */
  ParseResult parseCarefully(byte[] value) {
    try {
      return parseChecked(value);
    } catch (Invalid invalid) {
      return ParseResult.rejected(invalid.reason, invalid.getMessage());
    } catch (RuntimeException | StackOverflowError unexpected) {
      // Belt and braces: the checks above should catch everything, but the job must never die
      // of its input, so anything we did not foresee is a schema problem of this record.
      return ParseResult.rejected(
          RejectReason.SCHEMA, "could not be read as an event: " + unexpected.getClass().getSimpleName());
    }
  }

  private ParseResult parseChecked(byte[] value) {
    if (value == null || value.length == 0) {
      throw new Invalid(RejectReason.MALFORMED_JSON, "the record value is empty");
    }
    if (value.length > MAX_RECORD_BYTES) {
      throw new Invalid(
          RejectReason.TOO_LARGE,
          "the record value has " + value.length + " bytes; at most " + MAX_RECORD_BYTES + " are accepted");
    }
    JsonNode root = readJson(value);
    if (!root.isObject()) {
      throw schema("the record is a JSON " + kind(root) + ", expected a JSON object (a CloudEvent)");
    }

    ChannelEvent event = new ChannelEvent();
    // Envelope: presence and types first, so that a broken envelope is 'schema' before anything
    // about its values is judged (contract 1.4 order).
    String specversion = requiredString(root, "specversion");
    if (!"1.0".equals(specversion)) {
      throw schema("specversion is " + quote(specversion) + ", expected \"1.0\"");
    }
    event.id = requiredString(root, "id");
    checkLength("id", event.id, 1, 128);
    event.source = requiredString(root, "source");
    checkLength("source", event.source, 1, Integer.MAX_VALUE);
    String type = requiredString(root, "type");
    String time = requiredString(root, "time");
    String region = requiredString(root, "region");
    String channel = requiredString(root, "channel");
    JsonNode contentType = present(root, "datacontenttype");
    if (contentType != null && !"application/json".equals(contentType.textValue())) {
      throw schema(
          "datacontenttype is " + describe(contentType) + ", expected \"application/json\" or absent");
    }
    JsonNode data = present(root, "data");
    if (data == null) {
      throw schema("data is missing; it is required");
    }
    if (!data.isObject()) {
      throw schema("data is a JSON " + kind(data) + ", expected an object");
    }

    event.type =
        EventType.fromWireName(type)
            .orElseThrow(
                () ->
                    new Invalid(
                        RejectReason.UNKNOWN_TYPE,
                        "type " + quote(type) + " is not one of " + EventType.CATALOG_ITEM_PUBLISHED
                            + ", " + EventType.CATALOG_ITEM_WITHDRAWN + ", " + EventType.SERVICE_ACCESS
                            + ", " + EventType.CASE_SUBMITTED + ", " + EventType.CASE_STATUS + ", "
                            + EventType.HALL_VISIT + ", " + EventType.SERVICE_RATING));
    if (!Regions.isKnown(region)) {
      throw new Invalid(
          RejectReason.UNKNOWN_REGION, "region " + quote(region) + " is not a code in regions.csv");
    }
    event.region = region;
    event.channel =
        Channel.fromWireName(channel)
            .orElseThrow(
                () ->
                    new Invalid(
                        RejectReason.UNKNOWN_CHANNEL,
                        "channel " + quote(channel) + " is not one of hall, web, app, wechat"));

    Instant eventTime = parseTime(time);
    checkPlausible(eventTime);
    event.time = eventTime.toEpochMilli();

    readData(event, data);
    checkPersonalData(event);
    return ParseResult.accepted(event);
  }

  private JsonNode readJson(byte[] value) {
    try {
      JsonNode root = mapper().readTree(value);
      if (root == null || root.isMissingNode()) {
        throw new Invalid(RejectReason.MALFORMED_JSON, "the record value holds no JSON value");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static Instant parseTime(String time) {
    Instant quick = Rfc3339.parse(time);
    if (quick != null) {
      return quick;
    }
    // Whatever the quick path does not take, valid or not, goes the careful way, with its messages.
    if (!RFC3339.matcher(time.toUpperCase(Locale.ROOT)).matches()) {
      throw schema(
          "time " + quote(time) + " is not an RFC 3339 timestamp with offset, "
              + "such as 2026-11-25T08:00:01.250+08:00");
    }
    try {
      return OffsetDateTime.parse(time.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw schema("time " + quote(time) + " is not a valid date and time: " + e.getMessage());
    }
  }

  private void checkPlausible(Instant eventTime) {
    if (eventTime.isBefore(EARLIEST_TIME)) {
      throw new Invalid(
          RejectReason.BAD_TIME, "time " + eventTime + " is before 2000-01-01T00:00:00Z");
    }
    Instant latest = clock.instant().plus(MAX_FUTURE);
    if (eventTime.isAfter(latest)) {
      throw new Invalid(
          RejectReason.BAD_TIME,
          "time " + eventTime + " is more than 1 day ahead of the processing clock (" + clock.instant() + ")");
    }
  }

  private static void readData(ChannelEvent event, JsonNode data) {
    switch (event.type) {
      case CATALOG_ITEM_PUBLISHED -> readPublication(event, data);
      case CATALOG_ITEM_WITHDRAWN -> {
        event.itemCode = code(data, "itemCode", true);
        event.revision = revision(data);
      }
      case SERVICE_ACCESS -> {
        event.outcome = requiredEnum(data, "outcome", AccessOutcome.class, AccessOutcome::wireName);
        event.latencyMs = optionalInteger(data, "latencyMs", 0, Long.MAX_VALUE);
        event.itemCode = code(data, "itemCode", false);
        event.operation = optionalString(data, "operation");
        Boolean synthetic = optionalBoolean(data, "synthetic", "data.synthetic");
        event.synthetic = synthetic != null && synthetic;
      }
      case CASE_SUBMITTED -> {
        event.caseId = code(data, "caseId", true);
        event.applicantId = applicantId(data);
        event.itemCode = code(data, "itemCode", true);
      }
      case CASE_STATUS -> {
        event.caseId = code(data, "caseId", true);
        event.status = requiredEnum(data, "status", CaseStatus.class, CaseStatus::wireName);
      }
      case HALL_VISIT -> {
        if (event.channel != Channel.HALL) {
          throw schema(
              "a gov.hall.visit must come from channel hall, this one came from " + event.channel);
        }
        event.applicantId = applicantId(data);
        event.itemCode = code(data, "itemCode", true);
        event.purpose = requiredEnum(data, "purpose", VisitPurpose.class, VisitPurpose::wireName);
        event.caseId = code(data, "caseId", false);
      }
      case SERVICE_RATING -> {
        Long score = optionalInteger(data, "score", 1, 5);
        if (score == null) {
          throw schema("data.score is missing; it is required (an integer 1..5)");
        }
        event.score = score.intValue();
        event.itemCode = code(data, "itemCode", false);
        event.caseId = code(data, "caseId", false);
      }
    }
  }

  private static void readPublication(ChannelEvent event, JsonNode data) {
    event.itemCode = code(data, "itemCode", true);
    String itemName = requiredString(data, "itemName", "data.itemName");
    checkLength("data.itemName", itemName, 1, 200);
    event.itemName = itemName;
    Long depth = optionalInteger(data, "depth", 1, 4);
    if (depth == null) {
      throw schema("data.depth is missing; it is required (an integer 1..4)");
    }
    event.depth = depth.intValue();
    JsonNode features = present(data, "features");
    if (features != null) {
      if (!features.isObject()) {
        throw schema("data.features is a JSON " + kind(features) + ", expected an object of booleans");
      }
      event.unifiedAuth = Boolean.TRUE.equals(optionalBoolean(features, "unifiedAuth", "data.features.unifiedAuth"));
      event.eLicense = Boolean.TRUE.equals(optionalBoolean(features, "eLicense", "data.features.eLicense"));
      event.onlinePayment =
          Boolean.TRUE.equals(optionalBoolean(features, "onlinePayment", "data.features.onlinePayment"));
    }
    JsonNode guide = present(data, "guide");
    if (guide == null) {
      throw schema("data.guide is missing; it is required (an object)");
    }
    if (!guide.isObject()) {
      throw schema("data.guide is a JSON " + kind(guide) + ", expected an object");
    }
    event.guide = readGuide(guide);
    event.revision = revision(data);
  }

  private static Guide readGuide(JsonNode node) {
    Guide guide = new Guide();
    guide.department = guideText(node, "department");
    guide.scope = guideText(node, "scope");
    guide.conditions = guideText(node, "conditions");
    guide.procedure = guideText(node, "procedure");
    guide.fee = guideText(node, "fee");
    guide.legalBasis = guideText(node, "legalBasis");
    guide.location = guideText(node, "location");
    guide.hours = guideText(node, "hours");
    guide.contactPhone = guideText(node, "contactPhone");
    guide.complaintPhone = guideText(node, "complaintPhone");
    guide.timeLimitDays = optionalInteger(node, "timeLimitDays", 0, Long.MAX_VALUE, "data.guide.timeLimitDays");
    JsonNode materials = present(node, "materials");
    if (materials != null) {
      if (!materials.isArray()) {
        throw schema("data.guide.materials is a JSON " + kind(materials) + ", expected an array of strings");
      }
      List<String> items = new ArrayList<>(materials.size());
      for (int i = 0; i < materials.size(); i++) {
        JsonNode material = materials.get(i);
        if (!material.isTextual()) {
          throw schema(
              "data.guide.materials[" + i + "] is a JSON " + kind(material) + ", expected a string");
        }
        items.add(material.textValue());
      }
      guide.materials = items.toArray(new String[0]);
    }
    return guide;
  }

  private static String guideText(JsonNode guide, String field) {
    JsonNode node = present(guide, field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw schema("data.guide." + field + " is a JSON " + kind(node) + ", expected a string");
    }
    return node.textValue();
  }

  private static void checkPersonalData(ChannelEvent event) {
    if (PersonalData.isPersonal(event.applicantId)) {
      throw new Invalid(
          RejectReason.PII,
          "data.applicantId " + PersonalData.mask(event.applicantId)
              + " is personal data (an identity or mobile number); send a pseudonymous token instead");
    }
  }

  // --- Field readers. Each names the field, what it found and what it expected. ---

  private static JsonNode present(JsonNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static String requiredString(JsonNode object, String field) {
    return requiredString(object, field, field);
  }

  private static String requiredString(JsonNode object, String field, String path) {
    JsonNode node = present(object, field);
    if (node == null) {
      throw schema(path + " is missing; it is required");
    }
    if (!node.isTextual()) {
      throw schema(path + " is a JSON " + kind(node) + ", expected a string");
    }
    return node.textValue();
  }

  private static String optionalString(JsonNode object, String field) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw schema("data." + field + " is a JSON " + kind(node) + ", expected a string");
    }
    return node.textValue();
  }

  private static Boolean optionalBoolean(JsonNode object, String field, String path) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw schema(path + " is a JSON " + kind(node) + ", expected true or false");
    }
    return node.booleanValue();
  }

  private static Long optionalInteger(JsonNode object, String field, long min, long max) {
    return optionalInteger(object, field, min, max, "data." + field);
  }

  private static Long optionalInteger(JsonNode object, String field, long min, long max, String path) {
    JsonNode node = present(object, field);
    if (node == null) {
      return null;
    }
    String expected = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer " + min + ".." + max;
    // Contract 1.1: an integer is a JSON number without fraction or exponent; Jackson reads those,
    // and only those, as integral nodes.
    if (!node.isIntegralNumber()) {
      throw schema(path + " is " + describe(node) + ", expected " + expected);
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw schema(path + " is " + node.asText() + ", expected " + expected);
    }
    return node.longValue();
  }

  private static String code(JsonNode data, String field, boolean required) {
    JsonNode node = present(data, field);
    if (node == null) {
      if (required) {
        throw schema("data." + field + " is missing; it is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw schema("data." + field + " is a JSON " + kind(node) + ", expected a string");
    }
    String value = node.textValue();
    if (!CODE.matcher(value).matches()) {
      throw schema(
          "data." + field + " is " + quote(value) + ", expected 1..64 characters of A-Z a-z 0-9 . _ -");
    }
    return value;
  }

  private static String applicantId(JsonNode data) {
    String value = requiredString(data, "applicantId", "data.applicantId");
    if (!APPLICANT_ID.matcher(value).matches()) {
      throw schema(
          "data.applicantId is " + quote(value) + ", expected a token of 8..128 characters of A-Z a-z 0-9 _ -");
    }
    return value;
  }

  private static Long revision(JsonNode data) {
    return optionalInteger(data, "revision", 0, Long.MAX_VALUE);
  }

  private static <E extends Enum<E>> E requiredEnum(
      JsonNode data, String field, Class<E> type, Function<E, String> wireName) {
    String value = requiredString(data, field, "data." + field);
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (wireName.apply(constant).equals(value)) {
        return constant;
      }
      allowed.add(wireName.apply(constant));
    }
    throw schema("data." + field + " is " + quote(value) + ", expected one of " + String.join(", ", allowed));
  }

  private static void checkLength(String path, String value, int min, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      String expected = max == Integer.MAX_VALUE ? "non-empty" : min + ".." + max + " characters";
      throw schema(path + " has " + length + " characters, expected " + expected);
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary value";
    };
  }

  private static String describe(JsonNode node) {
    return node.isTextual() ? "the string " + quote(node.textValue()) : "the JSON " + kind(node) + " " + clip(node.toString());
  }

  private static String quote(String value) {
    return "\"" + clip(value) + "\"";
  }

  private static String clip(String value) {
    return value.length() <= MAX_ECHOED_CHARS ? value : value.substring(0, MAX_ECHOED_CHARS) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return clip(newline < 0 ? message : message.substring(0, newline));
  }

  private static Invalid schema(String detail) {
    return new Invalid(RejectReason.SCHEMA, detail);
  }

  /** A rule broken; unwinds to {@link #parse}. No stack trace: this is control flow, and hot. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    Invalid(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
