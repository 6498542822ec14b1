package org.channelwatch.job;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.indicators.IndicatorDocuments;
import org.channelwatch.indicators.RegionMinute;

/** Turns a region's finished minute into its indicator document. */
final class IndicatorWindowFunction
    extends ProcessWindowFunction<RegionMinute, EsDocument, String, TimeWindow> {

  @Override
  public void process(String region, Context context, Iterable<RegionMinute> minutes, Collector<EsDocument> out) {
    RegionMinute minute = minutes.iterator().next();
    TimeWindow window = context.window();
    out.collect(IndicatorDocuments.document(region, window.getStart(), window.getEnd(), minute));
  }
}
