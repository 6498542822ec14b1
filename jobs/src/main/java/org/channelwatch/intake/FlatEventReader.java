package org.channelwatch.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.channelwatch.connectors.privacy.PersonalData;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.CaseStatus;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Regions;
import org.channelwatch.domain.VisitPurpose;

/**
 * Reads the common events (access, cases, visits, ratings: all of whose values are flat) in one
 * pass of a streaming parser, without building a JSON tree first, and answers only when the event
 * is valid; for anything else (another type, a nested value, a duplicate key, any broken rule) it
 * answers null and {@link EventParser} reads the record the careful way, which alone rejects, with
 * the contract's first reason and its message.
 *
 * <p>Building the tree was the larger part of intake. An event accepted here is the event the
 * careful way accepts, field for field (a property test holds the two to that): the rules below are
 * those of {@link EventParser} for valid events of these types. Not thread-safe (it reuses its
 * buffers); {@link EventParser} keeps one per thread.
 */
final class FlatEventReader {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern APPLICANT_ID = Pattern.compile("[A-Za-z0-9_-]{8,128}");

  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

  // Envelope attributes, each seen at most once.
  private static final String[] ENVELOPE = {
    "specversion", "id", "source", "type", "time", "region", "channel", "datacontenttype", "data"
  };
  private static final int DATA_AT = 8;
  // The data fields of the flat types.
  private static final String[] DATA = {
    "outcome", "latencyMs", "itemCode", "operation", "synthetic", "caseId", "applicantId", "status", "purpose", "score"
  };
  private static final int OUTCOME = 0;
  private static final int LATENCY = 1;
  private static final int ITEM_CODE = 2;
  private static final int OPERATION = 3;
  private static final int SYNTHETIC = 4;
  private static final int CASE_ID = 5;
  private static final int APPLICANT_ID_FIELD = 6;
  private static final int STATUS = 7;
  private static final int PURPOSE = 8;
  private static final int SCORE = 9;

  private final Clock clock;
  // What one record held, by the index of its name above: the token and its text or number.
  private final String[] envelope = new String[ENVELOPE.length];
  private final JsonToken[] envelopeTokens = new JsonToken[ENVELOPE.length];
  private final Object[] data = new Object[DATA.length];
  private final JsonToken[] dataTokens = new JsonToken[DATA.length];
  private final List<String> otherNames = new ArrayList<>();

  FlatEventReader(Clock clock) {
    this.clock = clock;
  }

  /** The valid event the record holds, or null: not one of the flat types, not valid, or unusual. */
  ChannelEvent read(byte[] value) {
    try {
      return readFlat(value) ? validEvent() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the record's values into the arrays; false for anything but one flat JSON object and its flat data. */
  private boolean readFlat(byte[] value) throws IOException {
    java.util.Arrays.fill(envelopeTokens, null);
    java.util.Arrays.fill(dataTokens, null);
    otherNames.clear();
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken valueToken = parser.nextToken();
        int at = indexOf(ENVELOPE, name);
        if (at < 0) {
          if (!isScalar(valueToken) || otherNames.contains(name)) {
            return false;
          }
          otherNames.add(name);
        } else if (envelopeTokens[at] != null) {
          return false; // a duplicate key: the careful way rejects it
        } else if (at == DATA_AT) {
          envelopeTokens[at] = valueToken;
          if (valueToken != JsonToken.START_OBJECT || !readData(parser)) {
            return false;
          }
        } else {
          if (!isScalar(valueToken)) {
            return false;
          }
          envelopeTokens[at] = valueToken;
          envelope[at] = valueToken == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
      }
      // Anything after the object, even another value, is for the careful way to judge.
      return parser.nextToken() == null;
    }
  }

  private boolean readData(JsonParser parser) throws IOException {
    List<String> otherData = new ArrayList<>(0);
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken valueToken = parser.nextToken();
      if (!isScalar(valueToken)) {
        return false;
      }
      int at = indexOf(DATA, name);
      if (at < 0) {
        if (otherData.contains(name)) {
          return false;
        }
        otherData.add(name);
        continue;
      }
      if (dataTokens[at] != null) {
        return false;
      }
      dataTokens[at] = valueToken;
      data[at] =
          switch (valueToken) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.INT || parser.getNumberType() == JsonParser.NumberType.LONG
                    ? parser.getLongValue()
                    : null;
            default -> null;
          };
    }
    return true;
  }

  private ChannelEvent validEvent() {
    String specversion = envelopeString(0);
    String id = envelopeString(1);
    String source = envelopeString(2);
    String type = envelopeString(3);
    String time = envelopeString(4);
    String region = envelopeString(5);
    String channel = envelopeString(6);
    if (!"1.0".equals(specversion) || id == null || source == null || type == null || time == null || region == null
        || channel == null || envelopeTokens[DATA_AT] != JsonToken.START_OBJECT) {
      return null;
    }
    int idLength = id.codePointCount(0, id.length());
    if (idLength < 1 || idLength > 128 || source.isEmpty()) {
      return null;
    }
    JsonToken contentType = envelopeTokens[7];
    if (contentType != null && contentType != JsonToken.VALUE_NULL && !"application/json".equals(envelopeString(7))) {
      return null;
    }
    ChannelEvent event = new ChannelEvent();
    event.id = id;
    event.source = source;
    event.type = EventType.fromWireName(type).orElse(null);
    event.channel = Channel.fromWireName(channel).orElse(null);
    if (event.type == null || event.type.isCatalog() || event.channel == null || !Regions.isKnown(region)) {
      return null;
    }
    event.region = region;
    Instant eventTime = Rfc3339.parse(time);
    if (eventTime == null
        || eventTime.isBefore(EventParser.EARLIEST_TIME)
        || eventTime.isAfter(clock.instant().plus(EventParser.MAX_FUTURE))) {
      return null;
    }
    event.time = eventTime.toEpochMilli();
    return readData(event) && !PersonalData.isPersonal(event.applicantId) ? event : null;
  }

  /** The data fields of the event's type, as {@link EventParser} reads them; false when one breaks a rule. */
  private boolean readData(ChannelEvent event) {
    switch (event.type) {
      case SERVICE_ACCESS -> {
        event.outcome = enumValue(OUTCOME, AccessOutcome.values(), AccessOutcome::wireName);
        event.itemCode = code(ITEM_CODE);
        event.operation = optionalString(OPERATION);
        Long latency = integer(LATENCY, 0, Long.MAX_VALUE);
        event.latencyMs = latency;
        Boolean synthetic = optionalBoolean(SYNTHETIC);
        event.synthetic = Boolean.TRUE.equals(synthetic);
        return event.outcome != null && fine(ITEM_CODE, event.itemCode) && fine(OPERATION, event.operation)
            && fine(LATENCY, latency) && fine(SYNTHETIC, synthetic);
      }
      case CASE_SUBMITTED -> {
        event.caseId = code(CASE_ID);
        event.applicantId = applicantId();
        event.itemCode = code(ITEM_CODE);
        return event.caseId != null && event.applicantId != null && event.itemCode != null;
      }
      case CASE_STATUS -> {
        event.caseId = code(CASE_ID);
        event.status = enumValue(STATUS, CaseStatus.values(), CaseStatus::wireName);
        return event.caseId != null && event.status != null;
      }
      case HALL_VISIT -> {
        event.applicantId = applicantId();
        event.itemCode = code(ITEM_CODE);
        event.purpose = enumValue(PURPOSE, VisitPurpose.values(), VisitPurpose::wireName);
        event.caseId = code(CASE_ID);
        return event.channel == Channel.HALL && event.applicantId != null && event.itemCode != null
            && event.purpose != null && fine(CASE_ID, event.caseId);
      }
      case SERVICE_RATING -> {
        Long score = integer(SCORE, 1, 5);
        event.score = score == null ? 0 : score.intValue();
        event.itemCode = code(ITEM_CODE);
        event.caseId = code(CASE_ID);
        return score != null && fine(ITEM_CODE, event.itemCode) && fine(CASE_ID, event.caseId);
      }
      default -> {
        return false;
      }
    }
  }

  private String envelopeString(int at) {
    return envelopeTokens[at] == JsonToken.VALUE_STRING ? envelope[at] : null;
  }

  /** Absent: no such field, or JSON null. */
  private boolean absent(int at) {
    return dataTokens[at] == null || dataTokens[at] == JsonToken.VALUE_NULL;
  }

  /** An optional field read as null is fine only when it was absent, not when it was wrong. */
  private boolean fine(int at, Object read) {
    return read != null || absent(at);
  }

  private String optionalString(int at) {
    return dataTokens[at] == JsonToken.VALUE_STRING ? (String) data[at] : null;
  }

  /** The code, or null when absent or not a code (required or not: either way the caller checks). */
  private String code(int at) {
    String value = optionalString(at);
    return value != null && CODE.matcher(value).matches() ? value : null;
  }

  private String applicantId() {
    String value = optionalString(APPLICANT_ID_FIELD);
    return value != null && APPLICANT_ID.matcher(value).matches() ? value : null;
  }

  private Long integer(int at, long min, long max) {
    if (dataTokens[at] != JsonToken.VALUE_NUMBER_INT || data[at] == null) {
      return null;
    }
    long value = (Long) data[at];
    return value < min || value > max ? null : value;
  }

  private Boolean optionalBoolean(int at) {
    JsonToken token = dataTokens[at];
    return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  private <E extends Enum<E>> E enumValue(int at, E[] constants, java.util.function.Function<E, String> wireName) {
    String value = optionalString(at);
    if (value != null) {
      for (E constant : constants) {
        if (wireName.apply(constant).equals(value)) {
          return constant;
        }
      }
    }
    return null;
  }

  private static boolean isScalar(JsonToken token) {
    return token != null && token.isScalarValue();
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
