package org.channelwatch.connectors.elasticsearch;

/** What to do with one bulk item, judged by its HTTP status. */
public enum BulkItemStatus {
  /** Written. */
  DONE,
  /** A transient failure (408, 429 or 5xx): send it again later. */
  RETRY,
  /**
   * Refused because of who we are (401 or 403): the credentials are wrong or lack a privilege.
   * Every later document would meet the same refusal, so the job stops instead.
   */
  DENIED,
  /** Refused for good (another 4xx, such as a mapping conflict): retrying cannot help. */
  REJECTED;

  public static BulkItemStatus of(int httpStatus) {
    if (httpStatus >= 200 && httpStatus < 300) {
      return DONE;
    }
    if (httpStatus == 429 || httpStatus >= 500 || httpStatus == 408) {
      return RETRY;
    }
    if (httpStatus == 401 || httpStatus == 403) {
      return DENIED;
    }
    return REJECTED;
  }
}
