// Full-size viewer (both modes) and, under `layout serve`, live updates over Server-Sent Events.
(function () {
  "use strict";
  const viewer = document.getElementById("viewer");
  const big = viewer.querySelector("img");

  const mark = viewer.querySelector(".mark");

  function open(link) {
    mark.hidden = true;
    big.src = link.href;
    big.dataset.page = link.dataset.pageLink || "";
    big.dataset.spread = link.dataset.spread || "";
    viewer.querySelector(".title").textContent = link.dataset.title || "";
    viewer.classList.remove("actual");
    viewer.hidden = false;
  }
  function close() { viewer.hidden = true; mark.hidden = true; big.removeAttribute("src"); }
  // A report entry (“第2版 2D …”): the page at full size, scrolled to the slot, the slot outlined.
  function show(page, box) {
    const link = document.querySelector('a[data-page-link="' + page + '"]');
    if (!link) return;
    open(link);
    viewer.classList.add("actual");
    const trim = (link.dataset.trim || "0,0,1,1").split(",").map(Number);
    const b = box.split(",").map(Number);
    function place() {
      const w = big.clientWidth, h = big.clientHeight;
      const x = big.offsetLeft + (trim[0] + b[0] * (trim[2] - trim[0])) * w;
      const y = big.offsetTop + (trim[1] + b[1] * (trim[3] - trim[1])) * h;
      mark.style.left = x + "px"; mark.style.top = y + "px";
      mark.style.width = b[2] * (trim[2] - trim[0]) * w + "px"; mark.style.height = b[3] * (trim[3] - trim[1]) * h + "px";
      mark.hidden = false;
      viewer.scrollTo({ left: Math.max(0, x - 60), top: Math.max(0, y - 80) });
    }
    if (big.complete && big.naturalWidth) place(); else big.addEventListener("load", place, { once: true });
  }
  document.addEventListener("click", function (ev) {
    const goto = ev.target.closest("a.goto");
    if (goto && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) { ev.preventDefault(); show(goto.dataset.page, goto.dataset.box); return; }
    const link = ev.target.closest("a[data-viewer]");
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) { ev.preventDefault(); open(link); }
  });
  viewer.addEventListener("click", function (ev) {
    if (ev.target === big) { viewer.classList.toggle("actual"); mark.hidden = true; }
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
    document.body.classList.toggle("failed", !!state.error);
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
