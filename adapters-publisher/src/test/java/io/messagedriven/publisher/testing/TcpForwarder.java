package io.messagedriven.publisher.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on 127.0.0.1 to a target port, that a test stops (the target looks down: the
 * port is closed and open connections are cut) and resumes on the same port.
 */
public final class TcpForwarder implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private ServerSocket server;

  private TcpForwarder(int targetPort, int port) {
    this.targetPort = targetPort;
    this.port = port;
  }

  /** A running forwarder to {@code targetPort}, on a free port. */
  public static TcpForwarder start(int targetPort) {
    TcpForwarder forwarder = new TcpForwarder(targetPort, freePort());
    forwarder.resume();
    return forwarder;
  }

  /** A free port on the loopback address. */
  public static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Closes the port and cuts every open connection. */
  public synchronized void stop() {
    closeQuietly(server);
    server = null;
    sockets.forEach(TcpForwarder::closeQuietly);
    sockets.clear();
  }

  /** Listens again, on the same port. */
  public synchronized void resume() {
    if (server != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      server = socket;
      thread("forwarder-accept-" + port, () -> accept(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        continue; // closed by stop()
      }
      try {
        Socket target = new Socket(LOOPBACK, targetPort);
        sockets.add(client);
        sockets.add(target);
        thread("forwarder-up-" + port, () -> pump(client, target));
        thread("forwarder-down-" + port, () -> pump(target, client));
      } catch (IOException e) {
        closeQuietly(client); // the target refused: so does the forwarder
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void thread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    stop();
  }
}
