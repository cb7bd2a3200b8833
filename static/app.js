// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen-reader users hear what went wrong.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Live check for pupil details while typing (the server checks again on save).
  var tokenField = document.querySelector("input[name=csrf_token]");
  var token = tokenField ? tokenField.value : "";
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-scan]"), function (area) {
    var out = document.getElementById(area.getAttribute("data-scan"));
    if (!out || !window.fetch) { return; }
    var flagged = area.form ? area.form.elements[area.name + "_flagged"] : null;
    var timer = null;
    var last = null;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = area.value;
        if (text === last) { return; }
        last = text;
        fetch("/api/v1/scan", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
          // (the names of the draft the server refused, which it flags again if they are left)
          body: JSON.stringify({ text: text, flagged: flagged ? flagged.value : "" })
        }).then(function (r) { return r.ok ? r.json() : null; }).then(function (result) {
          if (!result || text !== area.value) { return; }
          out.textContent = "";
          if (result.verdict === "allow") { return; }
          var p = document.createElement("p");
          p.className = "error-message";
          p.textContent = "Before you save: this could identify a pupil.";
          out.appendChild(p);
          var list = document.createElement("ul");
          result.spans.forEach(function (s) {
            var li = document.createElement("li");
            var chars = Array.from(text);
            var mark = document.createElement("mark");
            mark.className = "finding";
            mark.textContent = chars.slice(s.start, s.end).join("");
            li.appendChild(mark);
            li.appendChild(document.createTextNode(": " + s.reason + (s.suggestion ? " Try \u201c" + s.suggestion + "\u201d." : "") + (s.hint ? " " + s.hint : "")));
            list.appendChild(li);
          });
          out.appendChild(list);
        }).catch(function () { /* the server checks on save anyway */ });
      }, 500);
    });
  });
})();
