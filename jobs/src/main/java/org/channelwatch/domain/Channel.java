package org.channelwatch.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a citizen meets a service: the physical hall or one of the three online channels. */
public enum Channel {
  HALL("hall", false),
  WEB("web", true),
  APP("app", true),
  WECHAT("wechat", true);

  private static final List<Channel> ONLINE =
      Arrays.stream(values()).filter(Channel::isOnline).toList();

  private final String wireName;
  private final boolean online;

  Channel(String wireName, boolean online) {
    this.wireName = wireName;
    this.online = online;
  }

  /** The name used in events and documents: {@code hall}, {@code web}, {@code app}, {@code wechat}. */
  public String wireName() {
    return wireName;
  }

  public boolean isOnline() {
    return online;
  }

  public static List<Channel> online() {
    return ONLINE;
  }

  public static Optional<Channel> fromWireName(String name) {
    for (Channel channel : values()) {
      if (channel.wireName.equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
