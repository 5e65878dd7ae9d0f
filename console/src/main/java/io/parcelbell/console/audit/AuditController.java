package io.parcelbell.console.audit;

import io.parcelbell.console.api.ReportApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The audit log: every change a person made, newest first, filtered as the API allows. */
@Controller
class AuditController {

  private final ReportApi report;

  AuditController(ReportApi report) {
    this.report = report;
  }

  @GetMapping("/audit")
  Mono<String> audit(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String targetType,
      @RequestParam(required = false) String targetId,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String cursor,
      Model model) {
    var filter = new ReportApi.AuditFilter(actor, targetType, targetId, action, cursor);
    model.addAttribute("filter", filter);
    return report
        .audit(filter)
        .doOnNext(page -> model.addAttribute("page", page))
        .thenReturn("audit");
  }
}
