package io.parcelbell.ingest.problem;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * An {@link IngestException} as an RFC 9457 body and as a log line: the same for the annotated
 * controllers ({@link ProblemAdvice}) and the webhook's functional route.
 */
public final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** The problem body: status, detail, the stable {@code code}, the exception's extra members. */
  public static ProblemDetail of(IngestException e, String path) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setInstance(URI.create(path));
    problem.setProperty("code", e.code());
    e.problemProperties().forEach(problem::setProperty);
    return problem;
  }

  /** Rejections at INFO; 5xx (we could not take it) at WARN with the cause. */
  public static void log(IngestException e) {
    if (e.status().is5xxServerError()) {
      log.warn("{}: {}", e.code(), e.getMessage(), e.getCause());
    } else {
      log.info("rejected {}: {}", e.code(), e.getMessage());
    }
  }
}
