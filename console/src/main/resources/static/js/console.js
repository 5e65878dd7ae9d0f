// After the flow editor's check swaps a field's error list in, the field says whether it is invalid
// (aria-invalid, which also draws its red border): the list is the one its aria-describedby names.
document.addEventListener("htmx:oobAfterSwap", function (event) {
  var list = event.detail.target;
  if (!list || !list.id || !/-errors$/.test(list.id)) {
    return;
  }
  document.querySelectorAll('[aria-describedby~="' + list.id + '"]').forEach(function (field) {
    if (list.children.length > 0) {
      field.setAttribute("aria-invalid", "true");
    } else {
      field.removeAttribute("aria-invalid");
    }
  });
});
