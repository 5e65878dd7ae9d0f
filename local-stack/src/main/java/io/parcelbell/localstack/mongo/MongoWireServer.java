package io.parcelbell.localstack.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) whose data lives in one H2 MVStore file, so
 * the services' history survives a restart of the stack. See INFRA-NOTES.md for what it does not
 * support.
 */
public final class MongoWireServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);

  private final MongoServer server;
  private final H2Backend backend;
  private final int port;

  private MongoWireServer(MongoServer server, H2Backend backend, int port) {
    this.server = server;
    this.backend = backend;
    this.port = port;
  }

  public static MongoWireServer start(Path file, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the folder of " + file, e);
    }
    H2Backend backend = new KeyedH2Backend(file.toAbsolutePath().toString());
    MongoServer server = new MongoServer(backend);
    server.bind("localhost", port);
    log.info("MongoDB-wire server listening on localhost:{}, data in {}", port, file);
    return new MongoWireServer(server, backend, port);
  }

  /**
   * The same server with its data in memory only, gone when it closes: for the benchmarks, where
   * writing the file (Java-serializing every changed page of documents, and reading pages back) was
   * two fifths of the stand-in's CPU, a cost a real MongoDB does not have in that form.
   */
  public static MongoWireServer inMemory(int port) {
    H2Backend backend = new KeyedH2Backend(null);
    MongoServer server = new MongoServer(backend);
    server.bind("localhost", port);
    log.info("MongoDB-wire server listening on localhost:{}, data in memory only", port);
    return new MongoWireServer(server, backend, port);
  }

  public String uri(String database) {
    return "mongodb://localhost:" + port + "/" + database;
  }

  /**
   * Closes client connections, then the backend: the server's own shutdown leaves the H2 file open.
   */
  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
