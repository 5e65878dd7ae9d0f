package io.parcelbell.console.codes;

import io.parcelbell.contracts.codes.FailureCodes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The failure-code dictionary, as the dashboard and the timeline explain codes. */
@Controller
class FailureCodesController {

  @GetMapping("/codes")
  String codes(Model model) {
    model.addAttribute("codes", FailureCodes.all());
    return "codes";
  }
}
