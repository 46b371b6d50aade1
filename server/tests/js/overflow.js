// Text that does not fit its box: every visible element holding text of its
// own whose content is wider than its box (scrollWidth > clientWidth) and
// that does not scroll on purpose, plus the page itself scrolling sideways.
// Evaluated in the page by server/tests/i18n.rs; returns the offenders.
(() => {
  const skip = new Set(["SCRIPT", "STYLE", "VIDEO", "IMG", "SVG", "OPTION", "SELECT", "INPUT", "TEXTAREA", "CODE"]);
  const out = [];
  const describe = (el) => {
    const id = el.id ? "#" + el.id : "";
    const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls;
  };
  for (const el of document.querySelectorAll("body *")) {
    if (skip.has(el.tagName.toUpperCase())) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden" || cs.display === "inline") continue;
    if (cs.overflowX === "auto" || cs.overflowX === "scroll") continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      out.push({ element: describe(el), text: el.textContent.trim().slice(0, 60), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    out.push({ element: "html", text: "the page scrolls sideways", scrollWidth: document.documentElement.scrollWidth, clientWidth: window.innerWidth });
  }
  return out;
})()
