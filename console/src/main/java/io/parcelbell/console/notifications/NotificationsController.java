package io.parcelbell.console.notifications;

import io.parcelbell.console.api.ReportApi;
import io.parcelbell.console.config.Redirect;
import io.parcelbell.contracts.codes.FailureCodes;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The history: search and filter with cursor pages, and one notification's timeline. */
@Controller
class NotificationsController {

  /** After a resend, how many more times the timeline is fetched (every 5 s: two minutes). */
  static final int RESEND_POLLS = 24;

  /** While a notification settles, at most this many fetches (5 minutes pending, an hour held). */
  static final int SETTLING_POLLS = 60;

  private final ReportApi report;

  NotificationsController(ReportApi report) {
    this.report = report;
  }

  /**
   * The whole page, or only the results for htmx (a search typed into the form). A search the form
   * cannot run is answered with the reasons beside the fields, and the API is not asked.
   */
  @GetMapping("/notifications")
  Mono<String> list(
      @ModelAttribute("filter") NotificationSearch search,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
      Model model) {
    model.addAttribute("states", NotificationSearch.STATES);
    model.addAttribute("channels", NotificationSearch.CHANNELS);
    model.addAttribute("shipmentStatuses", NotificationSearch.SHIPMENT_STATUSES);
    Map<String, String> errors = search.errors();
    model.addAttribute("errors", errors);
    model.addAttribute("htmx", "true".equals(htmx) && !"true".equals(restore));
    Mono<ReportApi.Page> page =
        errors.isEmpty()
            ? report.page(search.filter())
            : Mono.just(new ReportApi.Page(List.of(), null));
    return page.doOnNext(found -> model.addAttribute("page", found))
        .thenReturn(
            "true".equals(htmx) && !"true".equals(restore)
                ? "notifications :: search"
                : "notifications");
  }

  /**
   * Resend a dead letter (offered to OPERATORs; report-service checks the role, records it in the
   * audit log, and ignores a second click while one is on its way). Answers the fragment that
   * replaces the button.
   */
  @PostMapping("/notifications/{id}/resend")
  Mono<String> resend(
      @PathVariable String id,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    return report
        .resend(id)
        .doOnNext(outcome -> model.addAttribute("resend", outcome))
        // Under htmx the timeline comes along, polling, so the new attempts show as they settle.
        .flatMap(
            outcome ->
                "true".equals(htmx)
                    ? load(id, watching(outcome) ? RESEND_POLLS : 0, model).thenReturn(outcome)
                    : Mono.just(outcome))
        .thenReturn(
            "true".equals(htmx)
                ? "notification :: resend-outcome"
                // Without JavaScript: back to the page, where the new attempts will show.
                : Redirect.to("/notifications/{id}", id));
  }

  /** A resend that is on its way: worth watching its new attempts arrive. */
  private static boolean watching(ReportApi.ResendOutcome outcome) {
    return "REQUESTED".equals(outcome.status()) || "ALREADY_REQUESTED".equals(outcome.status());
  }

  /**
   * Whether to offer Resend: the notifier reached the provider and the last code is one a resend
   * can fix (the dictionary report-service's resend rule asks too).
   */
  static boolean resendHelps(ReportApi.Notification n) {
    if (n.attempts().isEmpty()) {
      return false;
    }
    return FailureCodes.resendHelps(n.attempts().get(n.attempts().size() - 1).reportCode());
  }

  /**
   * The filtered list as CSV (OPERATOR; report-service masks it, adds the BOM Excel needs for
   * Korean, and records the export in the audit log as this person's).
   */
  @GetMapping("/notifications/export")
  Mono<ResponseEntity<Flux<DataBuffer>>> export(@ModelAttribute NotificationSearch search) {
    if (!search.errors().isEmpty()) {
      return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
    }
    return report
        .export(search.filter())
        .map(
            csv ->
                ResponseEntity.ok()
                    .headers(
                        h -> {
                          h.setContentType(csv.getHeaders().getContentType());
                          h.set(
                              HttpHeaders.CONTENT_DISPOSITION,
                              csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
                        })
                    .body(csv.getBody()));
  }

  @GetMapping("/notifications/{id}")
  Mono<String> one(@PathVariable String id, Model model) {
    return load(id, -1, model).thenReturn("notification");
  }

  /**
   * The state and the timeline again, {@code polls} more times at most: while the notification
   * settles, and for two minutes after a resend. A notification that is gone (retention) stops it.
   */
  @GetMapping("/notifications/{id}/live")
  Mono<String> live(
      @PathVariable String id, @RequestParam(defaultValue = "0") int polls, Model model) {
    return load(id, Math.max(0, Math.min(polls, SETTLING_POLLS)), model)
        .thenReturn("notification :: live")
        .onErrorResume(
            e ->
                e instanceof ResponseStatusException r && r.getStatusCode() == HttpStatus.NOT_FOUND,
            e -> Mono.just("notification :: gone"));
  }

  /**
   * Loads the notification for the page; {@code polls} are the fetches left, -1 on a first load
   * (which polls while it settles).
   */
  private Mono<ReportApi.Notification> load(String id, int polls, Model model) {
    return report
        .notification(id)
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .doOnNext(
            n -> {
              model.addAttribute("notification", n);
              model.addAttribute("timeline", Timeline.of(n));
              model.addAttribute("resendHelps", resendHelps(n));
              boolean held = "HELD".equals(n.state());
              boolean settling = held || "PENDING".equals(n.state());
              int left = polls < 0 ? (settling ? SETTLING_POLLS : 0) : polls;
              model.addAttribute("polling", left > 0);
              model.addAttribute("polls", Math.max(0, left - 1));
              // Held until the morning: once a minute is enough. Never in a tab nobody looks at.
              model.addAttribute(
                  "pollTrigger",
                  "every " + (held ? "60s" : "5s") + " [document.visibilityState==='visible']");
            });
  }
}
