package org.channelwatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Region;
import org.channelwatch.simulator.ItemTemplates.ItemTemplate;

/**
 * One region as the simulator plays it: what kind of online platform it has, its catalog of items
 * per channel, and how busy and reliable its channels are.
 */
final class SimulatedRegion {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Share of access traffic per channel where there is an online platform. */
  private static final double HALL_SHARE = 0.12;
  private static final double WEB_SHARE = 0.33;
  private static final double APP_SHARE = 0.33;

  final Region region;
  final boolean hasPlatform;
  final boolean handlesOnline;
  final boolean offersBooking;
  final boolean takesPaymentOnline;
  final double trafficWeight;
  final double okProbability;
  final List<Item> items;
  final List<Channel> channels;
  private final double[] channelCumulative;

  private SimulatedRegion(
      Region region,
      boolean hasPlatform,
      boolean handlesOnline,
      boolean offersBooking,
      boolean takesPaymentOnline,
      double trafficWeight,
      double okProbability,
      List<Item> items) {
    this.region = region;
    this.hasPlatform = hasPlatform;
    this.handlesOnline = handlesOnline;
    this.offersBooking = offersBooking;
    this.takesPaymentOnline = takesPaymentOnline;
    this.trafficWeight = trafficWeight;
    this.okProbability = okProbability;
    this.items = List.copyOf(items);
    this.channels = hasPlatform ? List.of(Channel.values()) : List.of(Channel.HALL);
    this.channelCumulative =
        hasPlatform
            ? new double[] {HALL_SHARE, HALL_SHARE + WEB_SHARE, HALL_SHARE + WEB_SHARE + APP_SHARE, 1}
            : new double[] {1};
  }

  String code() {
    return region.code();
  }

  /** A channel for one access or rating, weighted by where people actually go. */
  Channel pickChannel(Random random) {
    double u = random.nextDouble();
    for (int i = 0; i < channelCumulative.length; i++) {
      if (u < channelCumulative[i]) {
        return channels.get(i);
      }
    }
    return channels.get(channels.size() - 1);
  }

  Item randomItem(Random random) {
    return items.get(random.nextInt(items.size()));
  }

  /** An item the channel shows now, or null when a few tries found none (a quiet catalog). */
  Item randomLiveItem(Channel channel, Random random) {
    for (int attempt = 0; attempt < 8; attempt++) {
      Item item = randomItem(random);
      if (item.isLiveOn(channel)) {
        return item;
      }
    }
    return null;
  }

  /**
   * Plans a region's catalog: which items it offers on which channel, at what depth, and how
   * complete their guides are.
   */
  static SimulatedRegion plan(
      Region region,
      boolean hasPlatform,
      boolean handlesOnline,
      boolean offersBooking,
      boolean takesPaymentOnline,
      SimulatorProfile profile,
      Random random) {
    // A platform-less region's traffic is all hall traffic; full weight would swamp its hall.
    double trafficWeight = (0.5 + 1.5 * random.nextDouble()) * (hasPlatform ? 1 : 0.3);
    double okProbability = 0.975 + 0.023 * random.nextDouble();
    double guideQuality = 0.82 + 0.17 * random.nextDouble();
    int itemCount =
        profile.minItemsPerRegion()
            + random.nextInt(profile.maxItemsPerRegion() - profile.minItemsPerRegion() + 1);
    List<Integer> templateIndexes = new ArrayList<>();
    for (int i = 0; i < ItemTemplates.count(); i++) {
      templateIndexes.add(i);
    }
    Collections.shuffle(templateIndexes, random);
    List<Integer> chosen = new ArrayList<>(templateIndexes.subList(0, itemCount));
    Collections.sort(chosen);

    List<Item> items = new ArrayList<>();
    for (int index : chosen) {
      ItemTemplate template = ItemTemplates.all().get(index);
      String code = String.format("%s-%s-%04d", region.code(), template.category(), index + 1);
      int depth = baseDepth(hasPlatform, handlesOnline, offersBooking, random);
      ObjectNode guide = canonicalGuide(region, template, depth, guideQuality, random);
      EnumMap<Channel, Listing> listings = new EnumMap<>(Channel.class);
      for (Channel channel : offeredChannels(hasPlatform, random)) {
        int channelDepth = channel.isOnline() ? channelDepth(channel, depth, random) : 1;
        ObjectNode features =
            channel.isOnline() ? features(channelDepth, takesPaymentOnline, random) : null;
        listings.put(
            channel,
            new Listing(channel, channelDepth, features, channelGuide(guide, channel, random)));
      }
      items.add(new Item(code, template.name(), template, listings));
    }
    return new SimulatedRegion(
        region,
        hasPlatform,
        handlesOnline,
        offersBooking,
        takesPaymentOnline,
        trafficWeight,
        okProbability,
        items);
  }

  private static int baseDepth(
      boolean hasPlatform, boolean handlesOnline, boolean offersBooking, Random random) {
    if (!hasPlatform) {
      return 1;
    }
    double u = random.nextDouble();
    if (handlesOnline) {
      if (u < 0.75) {
        return 4;
      }
      if (offersBooking && u < 0.85) {
        return 3;
      }
      return u < 0.95 ? 2 : 1;
    }
    if (offersBooking && u < 0.35) {
      return 3;
    }
    return u < 0.8 ? 2 : 1;
  }

  private static List<Channel> offeredChannels(boolean hasPlatform, Random random) {
    if (!hasPlatform) {
      return List.of(Channel.HALL);
    }
    List<Channel> offered = new ArrayList<>();
    if (random.nextDouble() < 0.92) {
      offered.add(Channel.HALL);
    }
    if (random.nextDouble() < 0.90) {
      offered.add(Channel.WEB);
    }
    if (random.nextDouble() < 0.65) {
      offered.add(Channel.APP);
    }
    if (random.nextDouble() < 0.55) {
      offered.add(Channel.WECHAT);
    }
    if (offered.isEmpty()) {
      offered.add(Channel.HALL);
    }
    return offered;
  }

  /** The app and WeChat sometimes lag the website by one level of depth. */
  private static int channelDepth(Channel channel, int depth, Random random) {
    double lagChance = switch (channel) {
      case APP -> 0.2;
      case WECHAT -> 0.3;
      default -> 0.0;
    };
    return random.nextDouble() < lagChance ? Math.max(1, depth - 1) : depth;
  }

  private static ObjectNode features(int depth, boolean takesPaymentOnline, Random random) {
    ObjectNode features = JSON.objectNode();
    features.put("unifiedAuth", depth >= 3 && random.nextDouble() < 0.9);
    features.put("eLicense", depth == 4 && random.nextDouble() < 0.45);
    boolean payment = takesPaymentOnline && depth == 4 && random.nextDouble() < 0.7;
    // Contract 1.2: a missing feature means false, so publishers often leave false ones out.
    if (payment || random.nextBoolean()) {
      features.put("onlinePayment", payment);
    }
    return features;
  }

  /** The guide as the department wrote it, with some elements missing as in real catalogs. */
  private static ObjectNode canonicalGuide(
      Region region, ItemTemplate template, int depth, double quality, Random random) {
    String areaCode = ItemTemplates.areaCode(region.code());
    ObjectNode guide = JSON.objectNode();
    putOrLeaveOut(
        guide, "department", ItemTemplates.departmentIn(region.nameZh(), template.department()),
        quality, random);
    putOrLeaveOut(
        guide, "scope", "在" + region.nameZh() + "行政区域内申请" + template.name() + "的公民、法人和其他组织",
        quality, random);
    putOrLeaveOut(guide, "conditions", conditions(template), quality, random);
    if (random.nextDouble() < quality) {
      ArrayNode materials = guide.putArray("materials");
      template.materials().forEach(materials::add);
    } else {
      leaveOut(guide, "materials", random);
    }
    putOrLeaveOut(
        guide, "procedure",
        depth >= 4 ? "网上申请、受理、审查、决定、送达" : "窗口申请、受理、审查、决定、送达",
        quality, random);
    if (random.nextDouble() < quality) {
      guide.put("timeLimitDays", template.timeLimitDays());
    } else {
      leaveOut(guide, "timeLimitDays", random);
    }
    putOrLeaveOut(guide, "fee", template.fee(), quality, random);
    putOrLeaveOut(guide, "legalBasis", template.legalBasis(), quality, random);
    putOrLeaveOut(
        guide, "location",
        region.nameZh() + "政务服务中心" + (1 + random.nextInt(4)) + "楼" + (1 + random.nextInt(30)) + "号窗口",
        quality, random);
    putOrLeaveOut(guide, "hours", "工作日 9:00-12:00，13:30-17:00", quality, random);
    putOrLeaveOut(guide, "contactPhone", areaCode + "-12345", quality, random);
    putOrLeaveOut(guide, "complaintPhone", "12345", quality, random);
    return guide;
  }

  private static String conditions(ItemTemplate template) {
    return switch (template.category()) {
      case "XK" -> "申请人符合" + template.legalBasis() + "规定的条件，申请材料齐全、符合法定形式";
      case "GF" -> "申请人符合享受待遇的条件，且未重复领取";
      default -> "申请人具有完全民事行为能力，申请材料齐全、符合法定形式";
    };
  }

  private static void putOrLeaveOut(
      ObjectNode guide, String key, String value, double quality, Random random) {
    if (random.nextDouble() < quality) {
      guide.put(key, value);
    } else {
      leaveOut(guide, key, random);
    }
  }

  /** Real catalogs show a missing element in all three ways the contract counts as absent. */
  private static void leaveOut(ObjectNode guide, String key, Random random) {
    double u = random.nextDouble();
    if (u < 0.7) {
      return;
    }
    if (u < 0.9) {
      guide.putNull(key);
    } else if (key.equals("materials")) {
      guide.putArray(key);
    } else if (key.equals("timeLimitDays")) {
      guide.putNull(key);
    } else {
      guide.put(key, " ");
    }
  }

  /**
   * The guide as one channel shows it: the same key facts, but written in ways that only normalise
   * to the same value (contract 1.3), and now and then a non-key element lost in the copy.
   */
  private static ObjectNode channelGuide(ObjectNode canonical, Channel channel, Random random) {
    ObjectNode guide = canonical.deepCopy();
    if (guide.path("fee").asText("").equals("0") && random.nextDouble() < 0.1) {
      guide.put("fee", "0.00");
    }
    if (guide.path("materials").size() > 1 && random.nextDouble() < 0.2) {
      List<String> materials = new ArrayList<>();
      guide.path("materials").forEach(m -> materials.add(m.asText()));
      Collections.shuffle(materials, random);
      ArrayNode shuffled = guide.putArray("materials");
      materials.forEach(shuffled::add);
    }
    if (guide.path("conditions").isTextual() && random.nextDouble() < 0.1) {
      // A full-width comma and a trailing space both vanish under NFKC and trimming.
      guide.put("conditions", guide.get("conditions").asText().replace('，', ',') + " ");
    }
    if (channel.isOnline()) {
      if (guide.path("hours").isTextual() && random.nextDouble() < 0.5) {
        guide.put("hours", "网上办理全天开放，审核时间为工作日 9:00-17:00");
      }
      if (random.nextDouble() < 0.05) {
        guide.remove("location");
      }
    }
    return guide;
  }

  /** One item of the region's catalog and where it is listed. */
  static final class Item {
    final String code;
    final String name;
    final ItemTemplate template;
    final EnumMap<Channel, Listing> listings;
    /** Maintenance and faults leave an item alone until this event time (epoch millis). */
    long lockedUntil;

    Item(String code, String name, ItemTemplate template, EnumMap<Channel, Listing> listings) {
      this.code = code;
      this.name = name;
      this.template = template;
      this.listings = listings;
    }

    boolean isLiveOn(Channel channel) {
      Listing listing = listings.get(channel);
      return listing != null && listing.live;
    }

    boolean isLockedAt(long timeMillis) {
      return lockedUntil > timeMillis;
    }

    /** Online channels where an applicant can submit this item now (depth 4). */
    List<Channel> onlineSubmissionChannels() {
      List<Channel> channels = new ArrayList<>();
      for (Listing listing : listings.values()) {
        if (listing.channel.isOnline() && listing.live && listing.depth == 4) {
          channels.add(listing.channel);
        }
      }
      return channels;
    }

    /** Online channels where the catalog plan lets an applicant submit this item (depth 4). */
    List<Channel> plannedSubmissionChannels() {
      List<Channel> channels = new ArrayList<>();
      for (Listing listing : listings.values()) {
        if (listing.channel.isOnline() && listing.depth == 4) {
          channels.add(listing.channel);
        }
      }
      return channels;
    }

    List<Listing> liveListings() {
      List<Listing> live = new ArrayList<>();
      for (Listing listing : listings.values()) {
        if (listing.live) {
          live.add(listing);
        }
      }
      return live;
    }
  }

  /** An item as one channel publishes it. */
  static final class Listing {
    final Channel channel;
    final int depth;
    /** Null on the hall, where online features mean nothing. */
    final ObjectNode features;
    /** Shared by every publication of this listing: never modified after planning. */
    final ObjectNode guide;
    /** Whether the channel shows the item now, as of the last emitted catalog event. */
    boolean live;

    Listing(Channel channel, int depth, ObjectNode features, ObjectNode guide) {
      this.channel = channel;
      this.depth = depth;
      this.features = features;
      this.guide = guide;
    }

    boolean takesPayment() {
      return features != null && features.path("onlinePayment").asBoolean(false);
    }
  }
}
