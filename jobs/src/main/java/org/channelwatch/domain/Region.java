package org.channelwatch.domain;

import java.io.Serializable;

/**
 * One of the 32 provincial-level governments of {@code regions.csv}, with its place on the
 * dashboard's tile map.
 */
public record Region(
    String code, String abbr, String nameZh, String nameEn, int tileCol, int tileRow)
    implements Serializable {}
