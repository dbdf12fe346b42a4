namespace ProgressVision.Reports.Portfolio;

/// <summary>The inline stylesheet and script of the HTML portfolio (no external resources).</summary>
internal static class PortfolioAssets
{
    /// <summary>
    /// Blocks every network fetch: images only from data: URIs, style and script only inline. A
    /// portfolio opened offline or from a USB stick works the same.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public const string Css = """
        :root { --ink:#1d2430; --muted:#5b6575; --line:#d9dee7; --accent:#0b6e8a; --bg:#f6f7f9; }
        * { box-sizing: border-box; }
        body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--ink); background:var(--bg); }
        header, main, footer { max-width: 1040px; margin: 0 auto; padding: 16px 20px; }
        header h1 { margin: 0 0 4px; font-size: 26px; }
        .meta { color: var(--muted); }
        .badge { display:inline-block; padding:1px 8px; border-radius:10px; background:#e3eef2; color:var(--accent); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
        section.view { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px; margin:18px 0; break-inside: avoid; }
        section.view h2 { margin:0 0 10px; text-transform: capitalize; }
        .compare { position:relative; width:100%; overflow:hidden; border-radius:6px; background:#222; user-select:none; touch-action:none; cursor: ew-resize; }
        .compare img { display:block; width:100%; height:100%; position:absolute; inset:0; object-fit: fill; pointer-events:none; }
        .compare .after-clip { position:absolute; inset:0; clip-path: inset(0 0 0 var(--pos, 50%)); }
        .compare svg.overlay { position:absolute; inset:0; width:100%; height:100%; pointer-events:none; }
        .compare .handle { position:absolute; top:0; bottom:0; left: var(--pos, 50%); width:0; border-left:2px solid #fff; box-shadow:0 0 4px rgba(0,0,0,.6); }
        .compare .handle::after { content:"⟷"; position:absolute; top:50%; left:-17px; width:32px; height:32px; margin-top:-16px; border-radius:16px; background:#fff; color:#333; text-align:center; line-height:32px; font-size:16px; }
        .compare .label { position:absolute; top:8px; padding:2px 8px; background:rgba(0,0,0,.55); color:#fff; border-radius:4px; font-size:13px; }
        .compare .label.before { left:8px; } .compare .label.after { right:8px; }
        .side-by-side { display:grid; grid-template-columns: 1fr 1fr; gap:8px; }
        .side-by-side img { width:100%; border-radius:6px; display:block; }
        .controls { display:flex; flex-wrap:wrap; gap:14px; align-items:center; margin:10px 0; }
        .controls input[type=range] { flex: 1 1 240px; }
        .layer-heatmap rect { fill: #ff5a1f; stroke: none; }
        .layer-gaps polygon { fill: rgba(80,160,255,.25); stroke:#3da0ff; stroke-width: 2; vector-effect: non-scaling-stroke; }
        .layer-flags rect { fill:none; stroke:#ffd400; stroke-width:3; stroke-dasharray:6 4; vector-effect: non-scaling-stroke; }
        .layer-flags text { fill:#ffd400; font-size: 14px; }
        table { border-collapse: collapse; width:100%; margin: 10px 0; font-variant-numeric: tabular-nums; }
        th, td { border-bottom:1px solid var(--line); padding:4px 8px; text-align:left; }
        th { color: var(--muted); font-weight:600; font-size: 13px; }
        .charts { display:grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap:10px; }
        svg.chart { width:100%; height:auto; background:#fbfcfd; border:1px solid var(--line); border-radius:6px; }
        svg.chart .axis { stroke:#9aa3b2; stroke-width:1; } svg.chart .tick { font-size:10px; fill:var(--muted); }
        svg.chart .chart-title { font-size:12px; font-weight:600; fill:var(--ink); } svg.chart .chart-empty { font-size:11px; fill:var(--muted); }
        svg.chart .series { stroke: var(--accent); stroke-width:2; } svg.chart .dot { fill: var(--accent); }
        svg.chart.density .series { stroke:#c2571a; } svg.chart.density .dot { fill:#c2571a; }
        svg.chart.uniformity .series { stroke:#6b4fbb; } svg.chart.uniformity .dot { fill:#6b4fbb; }
        .recommendation { padding:10px 12px; border-left:4px solid var(--accent); background:#eef6f8; border-radius:4px; }
        .recommendation.more { border-color:#c2571a; background:#fbf1ea; }
        .hashes code { font-size:12px; word-break: break-all; }
        .notes { white-space: pre-wrap; background:#fffbea; border:1px solid #f0e2a8; padding:6px 10px; border-radius:4px; }
        footer { color: var(--muted); font-size: 13px; }
        @media print {
          body { background:#fff; font-size: 11pt; }
          .controls, .compare .handle, .compare svg.overlay, .compare .label { display:none !important; }
          section.view { border:none; padding:0; page-break-inside: avoid; }
          .compare { display:grid; grid-template-columns:1fr 1fr; gap:6px; aspect-ratio:auto !important; background:none; }
          .compare img, .compare .after-clip { position:static; clip-path:none; height:auto; }
        }
        """;

    public const string Script = """
        (function () {
          'use strict';
          function setPos(box, pct) {
            pct = Math.max(0, Math.min(100, pct));
            box.style.setProperty('--pos', pct + '%');
            box.dataset.pos = String(Math.round(pct * 10) / 10);
            var range = box.parentElement.querySelector('input.swipe');
            if (range && Number(range.value) !== pct) { range.value = String(pct); }
            var handle = box.querySelector('.handle');
            if (handle) { handle.setAttribute('aria-valuenow', String(Math.round(pct))); }
          }
          document.querySelectorAll('.compare[data-swipe]').forEach(function (box) {
            var dragging = false;
            function fromEvent(e) { var r = box.getBoundingClientRect(); setPos(box, (e.clientX - r.left) / r.width * 100); }
            box.addEventListener('pointerdown', function (e) { dragging = true; box.setPointerCapture(e.pointerId); fromEvent(e); });
            box.addEventListener('pointermove', function (e) { if (dragging) { fromEvent(e); } });
            box.addEventListener('pointerup', function () { dragging = false; });
            box.addEventListener('pointercancel', function () { dragging = false; });
            var handle = box.querySelector('.handle');
            handle.addEventListener('keydown', function (e) {
              var p = parseFloat(box.dataset.pos || '50');
              if (e.key === 'ArrowLeft') { setPos(box, p - 2); e.preventDefault(); }
              if (e.key === 'ArrowRight') { setPos(box, p + 2); e.preventDefault(); }
            });
            var range = box.parentElement.querySelector('input.swipe');
            if (range) { range.addEventListener('input', function () { setPos(box, Number(range.value)); }); }
            setPos(box, 50);
          });
          document.querySelectorAll('input[data-layer]').forEach(function (cb) {
            function apply() {
              var section = cb.closest('section');
              section.querySelectorAll('.layer-' + cb.dataset.layer).forEach(function (g) {
                if (cb.checked) { g.removeAttribute('display'); } else { g.setAttribute('display', 'none'); }
              });
            }
            cb.addEventListener('change', apply);
            apply();
          });
        })();
        """;
}
