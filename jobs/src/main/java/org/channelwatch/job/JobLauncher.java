package org.channelwatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.ElasticsearchFailures;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSink;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import org.channelwatch.connectors.elasticsearch.IndexTemplates;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.kafka.KafkaSinks;
import org.channelwatch.connectors.kafka.KafkaSources;
import org.channelwatch.connectors.kafka.KafkaTopics;
import org.channelwatch.intake.DeadLetterSerializer;
import org.channelwatch.detection.IncidentAlertSerializer;
import org.channelwatch.detection.IncidentJsonSchema;
import org.channelwatch.connectors.webhook.WebhookSettings;
import org.channelwatch.connectors.webhook.WebhookSink;
import org.channelwatch.intake.IntakeDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the ChannelWatch job to Kafka and Elasticsearch and starts it, on a local MiniCluster or,
 * under {@code flink run}, on the cluster that runs it.
 */
public final class JobLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);

  /** Longest a partly filled network buffer waits before it is sent. */
  static final Duration NETWORK_BUFFER_TIMEOUT = Duration.ofMillis(100);

  /** The job's name, as Flink's metrics and logs show it. */
  public static final String JOB_NAME = "ChannelWatch";

  /**
   * Everything a deployment chooses. Defaults are in the command line's options.
   *
   * @param checkpointDir where checkpoints go: a local path or a URI ({@code file://}, {@code
   *     s3://}, ...); null keeps them in memory
   * @param restoreFrom a checkpoint or savepoint to start from, before the newest one in a local
   *     {@code checkpointDir}; null for none
   */
  public record Options(
      KafkaSettings kafka,
      String eventsTopic,
      String deadLetterTopic,
      String alertTopic,
      String webhookUrl,
      String groupId,
      int topicPartitions,
      ElasticsearchConnection elasticsearch,
      int replicas,
      int parallelism,
      String checkpointDir,
      String restoreFrom,
      Duration checkpointInterval,
      String stateBackend,
      JobSettings job,
      ElasticsearchSinkSettings sink,
      String metricsPorts) {

    /** Options with a local checkpoint directory (or none) and no explicit restore. */
    public Options(
        KafkaSettings kafka,
        String eventsTopic,
        String deadLetterTopic,
        String alertTopic,
        String webhookUrl,
        String groupId,
        int topicPartitions,
        ElasticsearchConnection elasticsearch,
        int replicas,
        int parallelism,
        Path checkpointDir,
        Duration checkpointInterval,
        String stateBackend,
        JobSettings job,
        ElasticsearchSinkSettings sink,
        String metricsPorts) {
      this(kafka, eventsTopic, deadLetterTopic, alertTopic, webhookUrl, groupId, topicPartitions, elasticsearch,
          replicas, parallelism, checkpointDir == null ? null : checkpointDir.toString(), null, checkpointInterval,
          stateBackend, job, sink, metricsPorts);
    }
  }

  private JobLauncher() {}

  /** Prepares topics and index templates, then submits the job and returns without waiting. */
  public static JobClient start(Options options) throws Exception {
    return start(options, new Configuration());
  }

  /**
   * As {@link #start(Options)}, with Flink settings that override the launcher's own, such as the
   * metric reporters of a benchmark.
   */
  public static JobClient start(Options options, Configuration overrides) throws Exception {
    return prepare(options, overrides).executeAsync(JOB_NAME);
  }

  /** Prepares topics and index templates, then runs the job until it ends or is cancelled. */
  public static void run(Options options) throws Exception {
    prepare(options, new Configuration()).execute(JOB_NAME);
  }

  private static StreamExecutionEnvironment prepare(Options options, Configuration overrides) throws IOException {
    KafkaTopics.ensure(
        options.kafka(), options.topicPartitions(), options.eventsTopic(), options.deadLetterTopic(), options.alertTopic());
    // Installing the templates is also the check, before anything is submitted, that the URL, the
    // certificate and the credentials work: one clear error here instead of a failing job.
    try (ElasticsearchConnection.Clients clients = options.elasticsearch().open()) {
      IndexTemplates.install(clients, options.replicas());
    } catch (IOException | RuntimeException e) {
      throw new IOException(ElasticsearchFailures.explain(options.elasticsearch(), "installing index templates", e), e);
    }
    Configuration conf = flinkConfiguration(options);
    conf.addAll(overrides);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(options.parallelism());
    new ChannelWatchJob(
            KafkaSources.source(
                options.kafka(), options.eventsTopic(), options.groupId(), new IntakeDeserializer(Clock.systemUTC())),
            new ChannelWatchJob.Sinks(
                new ElasticsearchSink(options.elasticsearch(), options.sink()),
                KafkaSinks.atLeastOnce(options.kafka(), new DeadLetterSerializer(options.deadLetterTopic())),
                KafkaSinks.atLeastOnce(options.kafka(), new IncidentAlertSerializer(options.alertTopic())),
                options.webhookUrl() == null || options.webhookUrl().isBlank()
                    ? null
                    : new WebhookSink<>(WebhookSettings.forUrl(options.webhookUrl()), new IncidentJsonSchema())),
            options.job())
        .build(env);
    return env;
  }

  /**
   * Exactly-once checkpoints, retained on cancellation; the state to start from is {@code
   * --restore-from} if given, else the newest checkpoint in a local checkpoint directory.
   */
  public static Configuration flinkConfiguration(Options options) throws IOException {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(StateBackendOptions.STATE_BACKEND, options.stateBackend());
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "rocksdb".equals(options.stateBackend()));
    // Each incremental checkpoint flushes RocksDB's memtables, so state soon sits in many small
    // files, and a read (most are of keys that are not there) searched each one. Bloom filters let a
    // read skip the files that cannot hold its key: about 10 bits a key, on disk and in the cache.
    conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    // Chained operators hand records on without a defensive copy. Safe here: no operator changes a
    // record it received or emitted, and records kept in heap state are freshly deserialised ones.
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    // Under backpressure (catching up, a slow Elasticsearch) keep about a second of records in
    // flight between tasks rather than fixed buffers: documents stay fresh and checkpoint barriers
    // do not queue behind seconds of records.
    conf.set(TaskManagerOptions.BUFFER_DEBLOAT_ENABLED, true);
    // A partly filled network buffer waits this long before it is sent. At live rates buffers never
    // fill, so each hop delays watermarks, and with them a minute's document, by up to this. 25 ms
    // made documents about 0.3 s fresher than Flink's 100 ms, but every task's flusher woke 40
    // times a second: 7 % of the job's CPU under load (docs/benchmarks.md). 2 s is the target.
    conf.set(ExecutionOptions.BUFFER_TIMEOUT, NETWORK_BUFFER_TIMEOUT);
    if (options.metricsPorts() == null || options.metricsPorts().isBlank()) {
      conf.set(MetricOptions.REPORTERS_LIST, "progress");
    } else {
      conf.set(MetricOptions.REPORTERS_LIST, "progress,prometheus");
      conf.setString("metrics.reporter.prometheus.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      conf.setString("metrics.reporter.prometheus.port", options.metricsPorts());
    }
    conf.setString("metrics.reporter.progress.factory.class", ProgressReporter.Factory.class.getName());
    String restoreFrom = blank(options.restoreFrom()) ? null : CheckpointLocations.restorable(options.restoreFrom());
    if (restoreFrom != null) {
      LOG.info("Restoring from {}", restoreFrom);
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    if (!blank(options.checkpointDir())) {
      Optional<Path> localDir = CheckpointLocations.localPath(options.checkpointDir());
      if (localDir.isPresent()) {
        Path dir = localDir.get().toAbsolutePath();
        Files.createDirectories(dir);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        Optional<Path> latest = restoreFrom == null ? latestCheckpoint(dir) : Optional.empty();
        if (latest.isPresent()) {
          LOG.info("Resuming from checkpoint {}", latest.get());
          conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
        }
      } else {
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        if (restoreFrom == null) {
          LOG.info(
              "Checkpoints go to {}; only a local directory is searched for one to resume from, so this start "
                  + "begins from Kafka's committed offsets. To resume, give --restore-from with a checkpoint there.",
              options.checkpointDir());
        }
      }
    }
    return conf;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The newest complete checkpoint ({@code chk-N} with its {@code _metadata}) under {@code dir}. */
  public static Optional<Path> latestCheckpoint(Path dir) throws IOException {
    return CheckpointLocations.newestIn(dir, p -> p.getFileName().toString().startsWith("chk-"));
  }
}
