// Full-size viewer (both modes) and, under `layout serve`, live updates over Server-Sent Events.
(function () {
  "use strict";
  const viewer = document.getElementById("viewer");
  const big = viewer.querySelector("img");

  function open(link) {
    big.src = link.href;
    big.dataset.page = link.dataset.pageLink || "";
    big.dataset.spread = link.dataset.spread || "";
    viewer.querySelector(".title").textContent = link.dataset.title || "";
    viewer.classList.remove("actual");
    viewer.hidden = false;
  }
  function close() { viewer.hidden = true; big.removeAttribute("src"); }
  document.addEventListener("click", function (ev) {
    const link = ev.target.closest("a[data-viewer]");
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) { ev.preventDefault(); open(link); }
  });
  viewer.addEventListener("click", function (ev) {
    if (ev.target === big) viewer.classList.toggle("actual");
    else if (ev.target.closest(".close") || ev.target === viewer) close();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });

  if (!document.body.dataset.live) return;
  let version = Number(document.body.dataset.version);

  // Swap an image only once its new version has loaded: the old page stays visible meanwhile.
  function swap(img, url) {
    if (!url || img.getAttribute("src") === url) return;
    const next = new Image();
    next.onload = function () { img.src = url; };
    next.src = url;
  }
  function apply(state) {
    const shown = Array.from(document.querySelectorAll("figure.page")).length;
    if (state.pages.length && state.pages.length !== shown) { location.reload(); return; }
    for (const p of state.pages) {
      document.querySelectorAll('img[data-kind="thumb"][data-page="' + p.no + '"]').forEach(function (img) { swap(img, p.thumb); });
      document.querySelectorAll('a[data-page-link="' + p.no + '"]').forEach(function (a) { a.href = p.full; });
      document.getElementById("page-" + p.no).classList.toggle("overset", p.overset);
      if (!viewer.hidden && big.dataset.page === String(p.no)) swap(big, p.full);
    }
    for (const s of state.spreads) {
      document.querySelectorAll('a[data-spread="' + s.key + '"]').forEach(function (a) { a.href = s.full; });
      if (!viewer.hidden && big.dataset.spread === s.key) swap(big, s.full);
    }
    document.getElementById("report").innerHTML = state.report_html;
    document.getElementById("error").innerHTML = state.error_html;
    document.getElementById("status").textContent = state.status;
    document.body.dataset.version = String(state.version);
  }
  async function refresh(v) {
    if (v <= version) return;
    const state = await (await fetch("/state.json", { cache: "no-store" })).json();
    if (state.version <= version) return;
    version = state.version;
    apply(state);
  }
  const events = new EventSource("/events");
  events.addEventListener("update", function (ev) { refresh(Number(ev.data)); });
})();
