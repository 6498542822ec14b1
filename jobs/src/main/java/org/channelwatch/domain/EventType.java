package org.channelwatch.domain;

import java.util.Optional;

/** The event types of contract 1.2, by their CloudEvents {@code type}. */
public enum EventType {
  CATALOG_ITEM_PUBLISHED("gov.catalog.item.published"),
  CATALOG_ITEM_WITHDRAWN("gov.catalog.item.withdrawn"),
  SERVICE_ACCESS("gov.service.access"),
  CASE_SUBMITTED("gov.case.submitted"),
  CASE_STATUS("gov.case.status"),
  HALL_VISIT("gov.hall.visit"),
  SERVICE_RATING("gov.service.rating");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Catalog events are applied in revision order and are never late (contract 2). */
  public boolean isCatalog() {
    return this == CATALOG_ITEM_PUBLISHED || this == CATALOG_ITEM_WITHDRAWN;
  }

  public static Optional<EventType> fromWireName(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
