package org.channelwatch.simulator;

/**
 * One simulated contract event: the record key (the region code) and the CloudEvents JSON value.
 */
public record SimulatedEvent(String key, String json) {}
