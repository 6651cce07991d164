// Measures a report as it prints, inside Chromium: browser-check.sh appends
// this script to a copy of the report (the report itself has no script) and
// reads what it writes into the DOM with `chromium --dump-dom`.
//
// It applies the report's `@media print` rules, lays the body out at the
// printable width of its `@page` (A4 or A4 landscape, margins in mm), then
// writes one line per table wider than that width ("overflow ...") and one
// per heading ("heading ...", for the check that no heading ends a page).
window.addEventListener("load", () => {
  const out = [];
  const sheets = Array.from(document.styleSheets);
  const rules = sheets.flatMap((s) => Array.from(s.cssRules));
  // The print rules, applied as if the page were printing.
  const print = rules
    .filter((r) => r instanceof CSSMediaRule && /\bprint\b/.test(r.media.mediaText))
    .flatMap((r) => Array.from(r.cssRules).map((c) => c.cssText));
  const style = document.createElement("style");
  style.textContent = print.join("\n");
  document.head.appendChild(style);
  // The printable width: the page's width less its left and right margins.
  const page = rules.find((r) => r instanceof CSSPageRule && r.selectorText === "");
  const mm = (v) => {
    const m = /^([\d.]+)mm$/.exec(v.trim());
    return m ? Number(m[1]) : NaN;
  };
  let width = NaN;
  if (page) {
    const size = page.style.getPropertyValue("size").trim().toLowerCase();
    const paper = size === "a4" || size === "a4 portrait" ? 210 : size === "a4 landscape" ? 297 : NaN;
    width = paper - mm(page.style.getPropertyValue("margin-left")) - mm(page.style.getPropertyValue("margin-right"));
  }
  if (!(width > 0)) {
    out.push("error no @page rule with size A4 and margins in mm");
  } else {
    document.body.style.width = width + "mm";
    document.body.style.margin = "0";
    const limit = document.body.getBoundingClientRect().right;
    for (const t of document.querySelectorAll("table")) {
      const right = t.getBoundingClientRect().right;
      if (right > limit + 0.5) {
        const section = t.closest("section");
        const where = section ? "#" + section.id : "body";
        out.push(`overflow ${where}: a table ${Math.round(right - limit)}px wider than the printable ${width}mm`);
      }
    }
    out.push(`width ${width}mm`);
  }
  for (const h of document.querySelectorAll("h1, h2, h3")) {
    out.push("heading " + h.textContent.replace(/\s+/g, " ").trim());
  }
  const pre = document.createElement("pre");
  pre.id = "print-probe";
  pre.textContent = "\n" + out.join("\n") + "\n";
  document.body.appendChild(pre);
});
