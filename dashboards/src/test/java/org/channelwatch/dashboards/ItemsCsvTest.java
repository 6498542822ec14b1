package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemsCsvTest {

  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);

  private static JsonNode view() throws Exception {
    return ItemsView.render(
        ZJ, ItemsViewTest.response(), ItemQuery.ALL, Instant.parse("2026-11-25T08:30:00Z"));
  }

  @Test
  void startsWithAByteOrderMarkAndEndsLinesWithCrLf() throws Exception {
    byte[] csv = ItemsCsv.write(view(), true);

    assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n");
    List<String> lines = List.of(text.split("\r\n"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("地区代码,地区,事项编码,事项名称,要素一致,不一致要素,实体大厅 已发布,实体大厅 办理深度,");
    assertThat(lines.get(0).split(",")).hasSize(6 + 4 * 7);
    assertThat(lines.get(1))
        .startsWith("330000,浙江省,A-1,居民身份证换领,否,收费标准,是,1,1.00,本人,身份证; 照片,5,20,是,4,0.50,");
  }

  @Test
  void quotesCommasAndQuotesAndDisarmsFormulas() throws Exception {
    String text = new String(ItemsCsv.write(view(), false), StandardCharsets.UTF_8);

    assertThat(text).contains("\"不动产登记, \"\"首次\"\"\"");
    assertThat(text).contains(",<img src=x onerror=alert(1)>,");
    assertThat(text).contains(",'=1+1,");
    assertThat(text).contains("regionName,itemCode");
    assertThat(text).contains("330000,Zhejiang,A-1");
  }

  @Test
  void quotesLineBreaksAndEdgeSpaces() {
    assertThat(ItemsCsv.quote("plain")).isEqualTo("plain");
    assertThat(ItemsCsv.quote("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(ItemsCsv.quote(" padded")).isEqualTo("\" padded\"");
    assertThat(ItemsCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ItemsCsv.quote("")).isEmpty();
  }
}
