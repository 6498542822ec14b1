package org.channelwatch.connectors.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Our Elasticsearch sink for Flink 2: whole documents under deterministic ids, written with bulk
 * requests of the elasticsearch-java client. Buffered documents are part of each checkpoint.
 */
public final class ElasticsearchSink extends AsyncSinkBase<EsDocument, EsDocument> {
  private static final long serialVersionUID = 1L;

  /** Long enough to ride out an Elasticsearch restart while our own retries run. */
  private static final long REQUEST_TIMEOUT_MS = 10 * 60 * 1000L;

  private final ElasticsearchConnection connection;
  private final ElasticsearchSinkSettings settings;

  public ElasticsearchSink(ElasticsearchConnection connection, ElasticsearchSinkSettings settings) {
    super(
        (document, context) -> document,
        settings.maxBatchSize(),
        settings.maxInFlightRequests(),
        settings.maxBufferedDocuments(),
        settings.maxBatchBytes(),
        settings.maxTimeInBuffer().toMillis(),
        settings.maxBatchBytes(),
        REQUEST_TIMEOUT_MS,
        false);
    this.connection = connection;
    this.settings = settings;
  }

  @Override
  public StatefulSinkWriter<EsDocument, BufferedRequestState<EsDocument>> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<EsDocument, BufferedRequestState<EsDocument>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<EsDocument>> recoveredState) {
    AsyncSinkWriterConfiguration configuration =
        AsyncSinkWriterConfiguration.builder()
            .setMaxBatchSize(getMaxBatchSize())
            .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
            .setMaxInFlightRequests(getMaxInFlightRequests())
            .setMaxBufferedRequests(getMaxBufferedRequests())
            .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
            .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
            .setRequestTimeoutMS(getRequestTimeoutMS())
            .setFailOnTimeout(getFailOnTimeout())
            .build();
    return new ElasticsearchSinkWriter(context, configuration, connection, settings, recoveredState);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<EsDocument>> getWriterStateSerializer() {
    return new EsDocumentStateSerializer();
  }

}
