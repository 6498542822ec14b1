package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.channelwatch.SharedContract;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Guide;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;

/**
 * The quick way ({@link FlatEventReader}, then the tree for what it leaves) and the careful way (the
 * tree for everything) give the same answer for every record: the same event, field for field, or
 * the same reason and detail.
 */
class FlatEventReaderPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final EventParser PARSER = new EventParser(Clock.fixed(NOW, ZoneOffset.UTC));
  private static final List<String> RECORDS = records();

  /** The contract's valid examples and simulated events of every type, faults included. */
  private static List<String> records() {
    List<String> records = new ArrayList<>(SharedContract.lines("examples/valid.ndjson"));
    EventSimulator simulator =
        new EventSimulator(SimulatorProfile.defaults().withMeanFaultInterval(Duration.ofSeconds(20)), 11L, NOW.minusSeconds(3_600));
    while (records.size() < 3_000) {
      for (SimulatedEvent event : simulator.next(simulator.position().plusSeconds(1))) {
        records.add(event.json());
      }
    }
    return records;
  }

  /** One way to change a record, aimed at where the quick way could differ from the careful one. */
  enum Change {
    NONE, DROP_FIELD, NULL_FIELD, WRONG_TYPE, FRACTION, HUGE_NUMBER, OUT_OF_RANGE, EDGE_VALUE, NESTED_VALUE,
    DUPLICATE_KEY, EXTRA_FIELD, TRAILING, LEADING_SPACE
  }

  private static final java.util.Set<Change> ON_TEXT =
      java.util.EnumSet.of(Change.DUPLICATE_KEY, Change.TRAILING, Change.LEADING_SPACE);

  private static final List<Object> EDGE_VALUES =
      List.of("", " ", "1.0", "1.1", "ok", "OK", "error", "timeout", "hall", "web", "wechat", "app", "x", "x-1.y_2",
          "a".repeat(64), "a".repeat(65), "applicant_01", "short", "13912345678", "11010519491231002X", "330000",
          "999999", "gov.service.access", "gov.case.status", "gov.hall.visit", "application/json", "text/plain",
          "2026-11-25T08:00:01.250+08:00", "2026-11-25t08:00:01Z", "1999-12-31T23:59:59Z", "2026-11-27T00:00:00Z",
          "2026-02-30T00:00:00Z", "completed", "supplement_requested", "submit", "pickup", 0, -1, 1, 5, 6, 128,
          Long.MAX_VALUE, true, false);

  @Provide
  Arbitrary<List<Change>> changes() {
    return Arbitraries.of(Change.class).list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Integer> recordIndexes() {
    return Arbitraries.integers().between(0, RECORDS.size() - 1);
  }

  @Property(tries = 4000)
  void theQuickWayAndTheCarefulWayGiveTheSameAnswer(
      @ForAll("recordIndexes") int index, @ForAll("changes") List<Change> changes, @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String record = RECORDS.get(index);
    // Changes made on the text come last: reading the text into a tree again would undo them.
    List<Change> ordered = new ArrayList<>(changes);
    ordered.sort(java.util.Comparator.comparing(change -> ON_TEXT.contains(change)));
    for (Change change : ordered) {
      record = apply(change, record, random);
    }
    byte[] value = record.getBytes(StandardCharsets.UTF_8);

    assertThat(answer(PARSER.parse(value))).as(record).isEqualTo(answer(PARSER.parseCarefully(value)));
  }

  @Property(tries = 300)
  void everyUnchangedRecordGetsTheSameAnswer(@ForAll("recordIndexes") int index) throws Exception {
    byte[] value = RECORDS.get(index).getBytes(StandardCharsets.UTF_8);
    assertThat(answer(PARSER.parse(value))).isEqualTo(answer(PARSER.parseCarefully(value)));
  }

  private static String answer(ParseResult result) throws Exception {
    return result.isAccepted() ? "accepted " + fields(result.event()) : result.reason() + ": " + result.detail();
  }

  private static String fields(ChannelEvent event) throws Exception {
    StringBuilder text = new StringBuilder();
    for (java.lang.reflect.Field field : ChannelEvent.class.getFields()) {
      Object value = field.get(event);
      if (value instanceof Guide guide) {
        value = JSON.writeValueAsString(guide);
      }
      text.append(field.getName()).append('=').append(value).append(';');
    }
    return text.toString();
  }

  private static String apply(Change change, String record, Random random) {
    switch (change) {
      case NONE -> {
        return record;
      }
      case TRAILING -> {
        return record + List.of(" ", " x", " {}", "\n", ",", " null").get(random.nextInt(6));
      }
      case LEADING_SPACE -> {
        return " \n\t" + record;
      }
      case DUPLICATE_KEY -> {
        return withDuplicateKey(record, random);
      }
      default -> {
        ObjectNode tree = JsonEdits.objectOrNull(record.getBytes(StandardCharsets.UTF_8));
        if (tree == null) {
          return record;
        }
        change(tree, change, random);
        return tree.toString();
      }
    }
  }

  /**
   * Repeats a key of the envelope or of data with the value it already has, so that only the repeat
   * is wrong: on the text, since a JSON tree cannot hold a key twice.
   */
  private static String withDuplicateKey(String record, Random random) {
    ObjectNode root = JsonEdits.objectOrNull(record.getBytes(StandardCharsets.UTF_8));
    if (root == null) {
      return record;
    }
    boolean inData = root.get("data") instanceof ObjectNode && random.nextBoolean();
    ObjectNode target = inData ? (ObjectNode) root.get("data") : root;
    String field = JsonEdits.randomField(target, random);
    if (field == null) {
      return record;
    }
    String objectText = target.toString();
    String repeated = objectText.substring(0, objectText.length() - 1) + ",\"" + field + "\":" + target.get(field) + "}";
    if (!inData) {
      return repeated;
    }
    root.put("data", "@DATA@");
    return root.toString().replace("\"@DATA@\"", repeated);
  }

  /** Changes one field of the envelope or of data (and now and then of a nested object). */
  private static void change(ObjectNode root, Change change, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(root);
    if (root.get("data") instanceof ObjectNode data) {
      objects.add(data);
      objects.add(data);
      data.elements().forEachRemaining(child -> {
        if (child instanceof ObjectNode nested) {
          objects.add(nested);
        }
      });
    }
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    String field = JsonEdits.randomField(target, random);
    if (field == null) {
      return;
    }
    switch (change) {
      case DROP_FIELD -> target.remove(field);
      case NULL_FIELD -> target.putNull(field);
      case WRONG_TYPE -> JsonEdits.giveWrongType(target, field);
      case FRACTION -> target.put(field, 1.0);
      case HUGE_NUMBER -> target.put(field, new java.math.BigInteger("9".repeat(30)));
      case OUT_OF_RANGE -> target.put(field, random.nextBoolean() ? -1 : 6);
      case EDGE_VALUE -> target.set(field, JSON.valueToTree(EDGE_VALUES.get(random.nextInt(EDGE_VALUES.size()))));
      case NESTED_VALUE -> target.set(field, random.nextBoolean() ? JSON.createObjectNode().put("a", 1) : JSON.createArrayNode().add(1));
      case EXTRA_FIELD -> target.set("extra" + random.nextInt(3), JSON.valueToTree(EDGE_VALUES.get(random.nextInt(EDGE_VALUES.size()))));
      default -> throw new IllegalStateException(change + " is not a tree change");
    }
  }
}
