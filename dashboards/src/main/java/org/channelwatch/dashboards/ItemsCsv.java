package org.channelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the item view ({@link ItemsView}) as CSV: RFC 4180 quoting, CRLF line ends, UTF-8 with a
 * byte order mark so that Excel reads the Chinese text right.
 *
 * <p>Text that came from events and starts like a formula ({@code = + - @}, tab or CR) gets a
 * leading apostrophe, so a spreadsheet shows it instead of running it.
 */
public final class ItemsCsv {

  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static final Map<String, String> ZH =
      Map.ofEntries(
          Map.entry("region", "地区代码"),
          Map.entry("regionName", "地区"),
          Map.entry("itemCode", "事项编码"),
          Map.entry("itemName", "事项名称"),
          Map.entry("consistent", "要素一致"),
          Map.entry("differingFields", "不一致要素"),
          Map.entry("published", "已发布"),
          Map.entry("depth", "办理深度"),
          Map.entry("completeness", "指南完整度"),
          Map.entry("conditions", "受理条件"),
          Map.entry("materials", "申请材料"),
          Map.entry("timeLimitDays", "承诺时限（工作日）"),
          Map.entry("fee", "收费标准"),
          Map.entry("hall", "实体大厅"),
          Map.entry("web", "网上大厅"),
          Map.entry("app", "App"),
          Map.entry("wechat", "微信"));

  private static final List<String> PER_CHANNEL =
      List.of("published", "depth", "completeness", "conditions", "materials", "timeLimitDays", "fee");

  private ItemsCsv() {}

  /** The file name for a region's export. */
  public static String fileName(String regionCode) {
    return "channelwatch-items-" + regionCode + ".csv";
  }

  /**
   * @param view an answer of {@link ItemsView#render}
   * @param chinese Chinese column names and yes/no, else English
   */
  public static byte[] write(JsonNode view, boolean chinese) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (String column :
        List.of("region", "regionName", "itemCode", "itemName", "consistent", "differingFields")) {
      header.add(label(column, chinese));
    }
    for (String channel : AvailabilityView.CHANNELS) {
      for (String field : PER_CHANNEL) {
        header.add(label(channel, chinese) + " " + label(field, chinese));
      }
    }
    line(out, header);

    JsonNode region = view.path("region");
    String regionName =
        chinese ? region.path("nameZh").asText("") : region.path("nameEn").asText("");
    for (JsonNode item : view.path("items")) {
      List<String> row = new ArrayList<>();
      row.add(region.path("code").asText(""));
      row.add(regionName);
      row.add(text(item.path("itemCode")));
      row.add(text(item.path("itemName")));
      row.add(yesNo(item.path("consistent").asBoolean(true), chinese));
      List<String> fields = new ArrayList<>();
      for (JsonNode field : item.path("differingFields")) {
        fields.add(chinese ? label(field.asText(), true) : field.asText());
      }
      row.add(String.join("; ", fields));
      for (String channel : AvailabilityView.CHANNELS) {
        JsonNode listing = item.path("channels").path(channel);
        boolean published = listing.path("published").asBoolean(false);
        row.add(yesNo(published, chinese));
        row.add(listing.path("depth").isNumber() ? listing.path("depth").asText() : "");
        row.add(
            listing.path("completeness").isNumber()
                ? String.format(Locale.ROOT, "%.2f", listing.path("completeness").doubleValue())
                : "");
        JsonNode facts = listing.path("keyFacts");
        row.add(text(facts.path("conditions")));
        row.add(text(facts.path("materials")));
        row.add(
            facts.path("timeLimitDays").isNumber()
                ? facts.path("timeLimitDays").asText()
                : text(facts.path("timeLimitDays")));
        row.add(text(facts.path("fee")));
      }
      line(out, row);
    }
    byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(BOM.length + text.length);
    bytes.writeBytes(BOM);
    bytes.writeBytes(text);
    return bytes.toByteArray();
  }

  private static String label(String key, boolean chinese) {
    return chinese ? ZH.getOrDefault(key, key) : key;
  }

  private static String yesNo(boolean value, boolean chinese) {
    return chinese ? (value ? "是" : "否") : (value ? "yes" : "no");
  }

  /** Event text, an array joined with "; ", made safe for spreadsheets. */
  private static String text(JsonNode value) {
    String text;
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(v.asText()));
      text = String.join("; ", parts);
    } else if (value.isNull() || value.isMissingNode()) {
      return "";
    } else {
      text = value.asText();
    }
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break (or edge spaces), quotes doubled. */
  static String quote(String cell) {
    boolean needsQuotes =
        cell.indexOf(',') >= 0
            || cell.indexOf('"') >= 0
            || cell.indexOf('\n') >= 0
            || cell.indexOf('\r') >= 0
            || (!cell.isEmpty()
                && (Character.isWhitespace(cell.charAt(0))
                    || Character.isWhitespace(cell.charAt(cell.length() - 1))));
    return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}
