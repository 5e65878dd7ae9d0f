package io.parcelbell.flow.flows;

import io.parcelbell.flow.calendar.BusinessDays;
import io.parcelbell.flow.config.ApiProblem.FieldError;
import io.parcelbell.flow.filters.FilterValidator;
import io.parcelbell.flow.templates.TemplateValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a flow definition when it is saved (or while an admin types it), every problem at once
 * with its JSON path: name, trigger, filter against the trigger's fields, steps (bounds, delays,
 * exit statuses, templates rendered against sample events). Whether a webhook's destination exists
 * is checked by the caller, which has the store.
 */
public final class FlowValidator {

  public static final int MAX_NAME = 100;
  public static final int MAX_STEPS = 20;
  public static final Duration MAX_DELAY = Duration.ofDays(90);
  private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z_]{0,39}");

  private final TemplateValidator templates;

  public FlowValidator(TemplateValidator templates) {
    this.templates = templates;
  }

  public List<FieldError> validate(FlowDefinition flow) {
    List<FieldError> errors = new ArrayList<>();
    if (flow.name() == null || flow.name().isBlank() || flow.name().length() > MAX_NAME) {
      errors.add(new FieldError("name", "NAME_INVALID", "1-" + MAX_NAME + " characters"));
    }
    if (flow.trigger() == null) {
      errors.add(new FieldError("trigger", "TRIGGER_INVALID", "required"));
      return errors;
    }
    if (flow.filter() != null) {
      FilterValidator.validate(flow.trigger().fields(), flow.filter())
          .forEach(p -> errors.add(new FieldError(p.path(), "FILTER_INVALID", p.reason())));
    }
    List<Step> steps = flow.steps();
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      errors.add(new FieldError("steps", "STEPS_INVALID", "1-" + MAX_STEPS + " steps"));
    }
    if (steps.stream().noneMatch(Step.Webhook.class::isInstance)) {
      errors.add(new FieldError("steps", "STEPS_INVALID", "a flow needs a webhook step"));
    }
    for (int i = 0; i < steps.size(); i++) {
      String path = "steps[" + i + "]";
      Step step = steps.get(i);
      if (step instanceof Step.Delay delay) {
        delay(path, delay, errors);
      } else if (step instanceof Step.Exit exit) {
        exit(path, exit, errors);
      } else if (step instanceof Step.Webhook webhook) {
        if (webhook.destinationId() == null || webhook.destinationId().isBlank()) {
          errors.add(new FieldError(path + ".destinationId", "DESTINATION_NOT_FOUND", "required"));
        }
        templates
            .validate(flow.trigger(), path, webhook.body(), webhook.headers())
            .forEach(p -> errors.add(new FieldError(p.path(), p.code(), p.reason())));
      } else {
        errors.add(new FieldError(path, "STEP_INVALID", "unknown step"));
      }
    }
    return errors;
  }

  private static void delay(String path, Step.Delay delay, List<FieldError> errors) {
    boolean fixed = delay.duration() != null;
    boolean business = delay.businessDays() != null || delay.at() != null;
    if (fixed == business) {
      errors.add(
          new FieldError(
              path,
              "DELAY_INVALID",
              "either a duration, or businessDays with at (HH:mm, Korean time)"));
      return;
    }
    if (fixed
        && (delay.duration().isNegative()
            || delay.duration().isZero()
            || delay.duration().compareTo(MAX_DELAY) > 0)) {
      errors.add(
          new FieldError(path + ".duration", "DELAY_INVALID", "more than 0, at most 90 days"));
    }
    if (business) {
      if (delay.businessDays() == null
          || delay.businessDays() < 0
          || delay.businessDays() > BusinessDays.MAX_DAYS) {
        errors.add(
            new FieldError(
                path + ".businessDays", "DELAY_INVALID", "0-" + BusinessDays.MAX_DAYS + " days"));
      }
      if (delay.at() == null) {
        errors.add(new FieldError(path + ".at", "DELAY_INVALID", "the time of day, HH:mm"));
      }
    }
  }

  private static void exit(String path, Step.Exit exit, List<FieldError> errors) {
    if (exit.shipmentReached().isEmpty() || exit.shipmentReached().size() > 20) {
      errors.add(
          new FieldError(path + ".shipmentReached", "EXIT_INVALID", "1-20 shipment statuses"));
      return;
    }
    Set<String> seen = new java.util.HashSet<>();
    for (int j = 0; j < exit.shipmentReached().size(); j++) {
      String status = exit.shipmentReached().get(j);
      if (status == null || !STATUS.matcher(status).matches() || !seen.add(status)) {
        errors.add(
            new FieldError(
                path + ".shipmentReached[" + j + "]",
                "EXIT_INVALID",
                "a shipment status such as RETURNED (capitals and _), each once"));
      }
    }
  }
}
