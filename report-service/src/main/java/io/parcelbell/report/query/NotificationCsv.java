package io.parcelbell.report.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** One notification as a CSV line (RFC 4180 quoting by Commons CSV); times in KST. */
final class NotificationCsv {

  static final String BOM = "\uFEFF";
  private static final DateTimeFormatter KST =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "createdAt(KST)",
          "orderId",
          "courierCode",
          "trackingNumber",
          "shipmentStatus",
          "recipient",
          "state",
          "reason",
          "lastChannel",
          "lastReportCode");

  private NotificationCsv() {}

  static String header() {
    return line(COLUMNS);
  }

  static String row(NotificationResponse n) {
    var last = n.attempts().isEmpty() ? null : n.attempts().get(n.attempts().size() - 1);
    List<String> cells = new ArrayList<>();
    cells.add(n.id());
    cells.add(n.createdAt() == null ? "" : KST.format(n.createdAt()));
    cells.add(n.orderId());
    cells.add(n.courierCode());
    cells.add(n.trackingNumber());
    cells.add(n.shipmentStatus());
    cells.add(n.recipient());
    cells.add(n.state());
    cells.add(n.reason());
    cells.add(last == null ? null : last.channel());
    cells.add(last == null ? null : last.reportCode());
    return line(cells.stream().map(NotificationCsv::inert).toList());
  }

  /**
   * A shop-supplied value such as an order id {@code =HYPERLINK(...)} must stay text when the file
   * is opened in a spreadsheet (OWASP "CSV injection"): such cells get a leading apostrophe.
   */
  static String inert(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char first = cell.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + cell
        : cell;
  }

  private static String line(List<String> cells) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
