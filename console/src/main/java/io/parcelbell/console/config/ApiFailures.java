package io.parcelbell.console.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ServerWebExchange;

/**
 * An API that refused (403: this person's role may not), no longer takes the token (401: it
 * expired; the relay forgot it, so the page is loaded again and the provider gives a new one), or
 * could not answer: said in plain words, never a stack trace. Under htmx the words go into the
 * page's status region (the polling and the page stay as they are).
 */
@ControllerAdvice
class ApiFailures {

  private static final Logger log = LoggerFactory.getLogger(ApiFailures.class);

  @ExceptionHandler(WebClientResponseException.class)
  String refused(WebClientResponseException e, ServerWebExchange exchange, Model model) {
    int status = e.getStatusCode().value();
    if (status == HttpStatus.UNAUTHORIZED.value()) {
      return signInAgain(exchange);
    }
    boolean forbidden = status == HttpStatus.FORBIDDEN.value();
    if (!forbidden) {
      log.warn(
          "API answered {} to {}",
          status,
          e.getRequest() == null ? "?" : e.getRequest().getURI().getPath());
    }
    return failure(exchange, model, forbidden ? HttpStatus.FORBIDDEN : HttpStatus.BAD_GATEWAY);
  }

  @ExceptionHandler(WebClientRequestException.class)
  String unreachable(WebClientRequestException e, ServerWebExchange exchange, Model model) {
    log.warn("API unreachable: {}", e.getMessage());
    return failure(exchange, model, HttpStatus.SERVICE_UNAVAILABLE);
  }

  private static String failure(ServerWebExchange exchange, Model model, HttpStatus status) {
    model.addAttribute("forbidden", status == HttpStatus.FORBIDDEN);
    if (htmx(exchange)) {
      // htmx swaps only successful answers: 200, aimed at the status region.
      exchange.getResponse().getHeaders().set("HX-Retarget", "#api-status");
      exchange.getResponse().getHeaders().set("HX-Reswap", "innerHTML");
      return "unavailable :: message";
    }
    exchange.getResponse().setStatusCode(status);
    return "unavailable";
  }

  /** The same page again (a form's POST: the dashboard), which signs in through the provider. */
  private static String signInAgain(ServerWebExchange exchange) {
    var request = exchange.getRequest();
    String page =
        HttpMethod.GET.equals(request.getMethod()) && !htmx(exchange)
            ? request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null
                    ? ""
                    : "?" + request.getURI().getRawQuery())
            : "/";
    if (htmx(exchange)) {
      exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
      exchange
          .getResponse()
          .getHeaders()
          .set("HX-Redirect", HtmxAwareEntryPoint.currentPage(exchange));
      return "unavailable :: message";
    }
    return "redirect:" + page;
  }

  private static boolean htmx(ServerWebExchange exchange) {
    return "true".equals(exchange.getRequest().getHeaders().getFirst("HX-Request"));
  }
}
