package org.channelwatch.connectors.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics ChannelWatch reads and writes, when they do not exist yet. */
public final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * Creates each missing topic with {@code partitions} partitions and the broker's default
   * replication; existing topics are left as they are.
   */
  public static void ensure(KafkaSettings kafka, int partitions, String... names) {
    try (Admin admin = Admin.create(kafka.properties())) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : names) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String hint =
          cause instanceof AuthenticationException
              ? ". Kafka refused the login: check security.protocol, sasl.mechanism and sasl.jaas.config"
                  + " (--kafka-property or --kafka-config)"
              : cause instanceof AuthorizationException
                  ? ". The login lacks a permission on these topics or the cluster: ask for Describe and Create"
                  : ". Is the broker reachable, and does it expect the security settings given?";
      throw new IllegalStateException(
          "Could not create Kafka topics " + String.join(", ", names) + " at " + kafka.bootstrapServers()
              + ": " + cause.getMessage() + hint,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }
}
