package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The base manifests are plain Kubernetes documents, so they are validated even where kubectl is
 * missing and the overlays cannot be rendered (RenderedOverlaysTest then skips).
 */
class BaseManifestsTest {

  @Test
  void everyBaseDocumentBindsStrictlyToItsModel() throws Exception {
    Path base = Tools.REPO.resolve("deploy/base");
    List<Path> files;
    try (Stream<Path> s = Files.list(base)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    int count = 0;
    for (Path file : files) {
      for (JsonNode doc : StrictManifests.documents(Files.readString(file))) {
        assertThat(StrictManifests.bind(doc)).as(file.toString()).isNotNull();
        assertThat(StrictManifests.typeOf(doc)).isNotEqualTo("v1/Secret");
        count++;
      }
    }
    // 4 x (SA, Service, Deployment, PDB, KafkaUser) + 2 HPA + 14 topics + 6 NP + Ingress + 2
    // + the console (SA, Service, Deployment, PDB, its Ingress; no KafkaUser) + 3 NP
    assertThat(count).isEqualTo(53);
  }
}
