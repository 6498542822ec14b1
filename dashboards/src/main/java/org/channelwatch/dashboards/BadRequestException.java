package org.channelwatch.dashboards;

/** A request the dashboard cannot answer as asked: an unknown region, range or option. */
public final class BadRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }
}
