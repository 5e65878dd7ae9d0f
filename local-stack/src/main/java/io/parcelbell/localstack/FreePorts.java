package io.parcelbell.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nobody listens on right now, so tests never clash with a developer's running stack.
 *
 * <p>Taken from 20000–32767, below Linux's ephemeral range (32768–60999): a port the kernel hands
 * out for port 0 is also one it may give any outgoing connection (a Kafka client's, a service's
 * MongoDB pool) in the seconds before the service binds it — CI saw flow-service fail to start with
 * "Port 39827 was already in use". A port outside that range is only taken by someone binding it on
 * purpose. Each port is handed out once per JVM.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_767;
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  public static int next() {
    for (int tries = 0; tries < 1_000; tries++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
      if (!GIVEN.contains(port) && free(port) && GIVEN.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      socket.setReuseAddress(false);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
