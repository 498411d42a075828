// Clicking anywhere on a quote goes to its row in the article's table (its number is a link too).
// The script reads the page only: no value of the report is ever written into it.
document.addEventListener("click", function (e) {
  var mark = e.target.closest ? e.target.closest("mark.q[data-row]") : null;
  if (mark && !e.target.closest("a")) {
    location.hash = mark.getAttribute("data-row");
  }
});
