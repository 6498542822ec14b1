package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.channelwatch.SharedContract;

/**
 * Random mutations of valid events never throw out of the parser, and every mutated record is
 * either still a valid event or rejected with a reason and a detail.
 */
class EventParserPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VALID = SharedContract.lines("examples/valid.ndjson");
  private static final EventParser PARSER =
      new EventParser(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

  /** One way to damage a record; applied to the JSON tree or to the raw text. */
  enum Mutation {
    DROP_FIELD,
    NULL_FIELD,
    WRONG_TYPE,
    HUGE_NUMBER,
    NEGATIVE_NUMBER,
    FRACTION,
    HUGE_STRING,
    ODD_UNICODE,
    DEEP_NESTING,
    TRUNCATE,
    RANDOM_BYTES,
    SWAP_BYTES
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Arbitraries.of(Mutation.class).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 2000)
  void neverThrowsAndAlwaysDecides(
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll("lineIndexes") int line,
      @ForAll long seed) {
    Random random = new Random(seed);
    byte[] record = VALID.get(line).getBytes(StandardCharsets.UTF_8);
    for (Mutation mutation : mutations) {
      record = apply(mutation, record, random);
    }

    ParseResult result = PARSER.parse(record);

    if (result.isAccepted()) {
      assertThat(result.event().type).isNotNull();
      assertThat(result.event().region).isNotNull();
    } else {
      assertThat(result.reason()).isNotNull();
      assertThat(result.detail()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> lineIndexes() {
    return Arbitraries.integers().between(0, VALID.size() - 1);
  }

  @Property(tries = 500)
  void anyBytesAtAllAreDecided(@ForAll byte[] bytes) {
    ParseResult result = PARSER.parse(bytes);
    assertThat(result.isAccepted() || (result.reason() != null && !result.detail().isBlank())).isTrue();
  }

  @Property(tries = 300)
  void aMaskedExcerptNeverHoldsTheRawPersonalNumber(
      @ForAll("personalNumbers") String number, @ForAll("lineIndexes") int line) {
    String record = VALID.get(line).replace("a9f3c2e17b5d4e08", number) + " " + number;
    DeadLetter letter =
        DeadLetter.of(RejectReason.PII, "d " + number, 0, "t", 0, 0, record.getBytes(StandardCharsets.UTF_8));
    assertThat(letter.excerpt).doesNotContain(number);
    assertThat(letter.detail).doesNotContain(number);
  }

  @Provide
  Arbitrary<String> personalNumbers() {
    Arbitrary<String> identity =
        Combinators.combine(
                Arbitraries.strings().numeric().ofLength(17), Arbitraries.of("0", "5", "9", "X", "x"))
            .as((digits, last) -> digits + last);
    Arbitrary<String> mobile = Arbitraries.strings().numeric().ofLength(10).map(digits -> "1" + digits);
    return Arbitraries.oneOf(identity, mobile);
  }

  private static byte[] apply(Mutation mutation, byte[] record, Random random) {
    switch (mutation) {
      case TRUNCATE -> {
        return java.util.Arrays.copyOf(record, random.nextInt(record.length + 1));
      }
      case RANDOM_BYTES -> {
        byte[] copy = record.clone();
        for (int i = 0; i < 1 + random.nextInt(5) && copy.length > 0; i++) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
      }
      case SWAP_BYTES -> {
        byte[] copy = record.clone();
        if (copy.length > 1) {
          int a = random.nextInt(copy.length);
          int b = random.nextInt(copy.length);
          byte t = copy[a];
          copy[a] = copy[b];
          copy[b] = t;
        }
        return copy;
      }
      default -> {
        ObjectNode tree = JsonEdits.objectOrNull(record);
        if (tree == null) {
          return record;
        }
        mutateTree(tree, mutation, random);
        return tree.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  /** Picks a random object in the tree (envelope, data, guide, features) and damages one field. */
  private static void mutateTree(ObjectNode root, Mutation mutation, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    String field = JsonEdits.randomField(target, random);
    if (field == null) {
      return;
    }
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (mutation) {
      case DROP_FIELD -> target.remove(field);
      case NULL_FIELD -> target.putNull(field);
      case WRONG_TYPE -> JsonEdits.giveWrongType(target, field);
      case HUGE_NUMBER -> target.put(field, new java.math.BigInteger("9".repeat(40)));
      case NEGATIVE_NUMBER -> target.put(field, -1 - random.nextInt(1000));
      case FRACTION -> target.put(field, 1.5);
      case HUGE_STRING -> target.put(field, "x".repeat(random.nextInt(70_000)));
      case ODD_UNICODE -> target.put(field, "\u0000\uFEFF\u202E\uD83D\uDE00\u3000Ｆｅｅ\u200B" + random.nextInt());
      case DEEP_NESTING -> {
        ArrayNode outer = nodes.arrayNode();
        ArrayNode inner = outer;
        for (int i = 0; i < 100 + random.nextInt(2000); i++) {
          ArrayNode next = nodes.arrayNode();
          inner.add(next);
          inner = next;
        }
        target.set(field, outer);
      }
      default -> throw new IllegalStateException(mutation + " is not a tree mutation");
    }
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
    if (node.isObject()) {
      objects.add((ObjectNode) node);
      node.elements().forEachRemaining(child -> collectObjects(child, objects));
    }
  }
}
