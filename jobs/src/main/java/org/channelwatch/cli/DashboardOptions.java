package org.channelwatch.cli;

import java.io.IOException;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.dashboards.DashboardServer;
import org.channelwatch.dashboards.RegionTile;
import org.channelwatch.domain.Regions;
import picocli.CommandLine.Option;

/** Where the dashboard listens. */
final class DashboardOptions {
  @Option(
      names = "--port",
      defaultValue = "${env:CHANNELWATCH_DASHBOARD_PORT:-8080}",
      description = "Dashboard port (env CHANNELWATCH_DASHBOARD_PORT; default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "${env:CHANNELWATCH_DASHBOARD_BIND:-127.0.0.1}",
      description = "Address the dashboard binds to (env CHANNELWATCH_DASHBOARD_BIND; default ${DEFAULT-VALUE}).")
  String bind;

  DashboardServer start(ElasticsearchConnection elasticsearch) throws IOException {
    return DashboardServer.start(
        elasticsearch,
        Regions.all().stream()
            .map(r -> new RegionTile(r.code(), r.abbr(), r.nameZh(), r.nameEn(), r.tileCol(), r.tileRow()))
            .toList(),
        bind,
        port);
  }
}
