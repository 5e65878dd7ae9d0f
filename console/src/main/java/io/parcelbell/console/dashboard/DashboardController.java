package io.parcelbell.console.dashboard;

import io.parcelbell.console.api.ReportApi;
import io.parcelbell.console.config.ConsoleProperties;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;

/** The landing page, and its figures as a fragment htmx polls every 15 s. */
@Controller
class DashboardController {

  private final ReportApi report;
  private final ConsoleProperties properties;
  private final Clock clock;

  DashboardController(ReportApi report, ConsoleProperties properties, Clock clock) {
    this.report = report;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/")
  Mono<String> dashboard(Model model) {
    return view(model).thenReturn("dashboard");
  }

  @GetMapping("/dashboard/figures")
  Mono<String> figures(Model model) {
    // The "reports stopped" notice goes to its own persistent region (an out-of-band swap).
    model.addAttribute("oob", true);
    return view(model).thenReturn("dashboard :: figures");
  }

  private Mono<Void> view(Model model) {
    model.addAttribute("refreshSeconds", properties.refreshEvery().toSeconds());
    return report
        .overview()
        .map(
            overview -> DashboardView.of(overview, properties.reportsQuietAfter(), clock.instant()))
        .doOnNext(view -> model.addAttribute("view", view))
        .then();
  }
}
