package io.parcelbell.flow.destinations;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/destinations}: where flows send their webhooks. Roles in config.Access. */
@RestController
@RequestMapping("/api/destinations")
class DestinationController {

  private final Destinations destinations;

  DestinationController(Destinations destinations) {
    this.destinations = destinations;
  }

  /** 201 with the signing secret, shown this once. */
  @PostMapping
  Mono<ResponseEntity<DestinationView.WithSecret>> create(
      @RequestBody DestinationRequest request, ServerWebExchange exchange) {
    return destinations
        .create(request, exchange)
        .map(
            created ->
                ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/api/destinations/" + created.destination().id())
                    .body(created));
  }

  @GetMapping
  Flux<DestinationView> all() {
    return destinations.all();
  }

  @GetMapping("/{id}")
  Mono<DestinationView> one(@PathVariable String id) {
    return destinations.find(id);
  }

  @PutMapping("/{id}")
  Mono<DestinationView> update(
      @PathVariable String id,
      @RequestBody DestinationRequest request,
      ServerWebExchange exchange) {
    return destinations.update(id, request, exchange);
  }

  /** The new secret, shown this once; the previous one signs too for 24 hours. */
  @PostMapping("/{id}/rotate-secret")
  Mono<DestinationView.WithSecret> rotate(@PathVariable String id, ServerWebExchange exchange) {
    return destinations.rotateSecret(id, exchange);
  }

  @PostMapping("/{id}/enable")
  Mono<DestinationView> enable(@PathVariable String id, ServerWebExchange exchange) {
    return destinations.enable(id, exchange);
  }

  @PostMapping("/{id}/disable")
  Mono<DestinationView> disable(
      @PathVariable String id,
      @RequestBody(required = false) Disable body,
      ServerWebExchange exchange) {
    return destinations.disable(id, body == null ? null : body.reason(), exchange);
  }

  /** The optional reason an admin gives. */
  record Disable(String reason) {}
}
