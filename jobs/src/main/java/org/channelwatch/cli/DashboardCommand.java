package org.channelwatch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.channelwatch.dashboards.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the live dashboard. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "Serve the live dashboard, reading Elasticsearch; runs until stopped with Ctrl-C.")
public final class DashboardCommand implements Callable<Integer> {
  @Mixin ElasticsearchOptions elasticsearch;
  @Mixin DashboardOptions dashboard;

  @Override
  public Integer call() throws Exception {
    try (DashboardServer server = dashboard.start(elasticsearch.connection())) {
      System.out.println("dashboard=" + server.uri());
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
