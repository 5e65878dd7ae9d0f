// Every htmx request carries the page's CSRF token (Spring Security checks it on state changes).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRF-TOKEN"] = meta.getAttribute("content");
  }
});
