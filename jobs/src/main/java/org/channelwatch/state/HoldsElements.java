package org.channelwatch.state;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A keyed function that holds elements back in {@link HeldElements}; run it in a {@link
 * WriteBackKeyedProcessOperator} or {@link WriteBackKeyedCoProcessOperator}, which create the
 * elements, restore them and checkpoint them.
 */
public interface HoldsElements<K, T> {

  /** The type of the held elements: their serializer writes them into checkpoints. */
  TypeInformation<T> heldType();

  /** Hands the function its held elements; called once, before the function opens. */
  void holdIn(HeldElements<K, T> held);
}
