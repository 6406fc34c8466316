/// The stylesheet every HTML report embeds (no external resources: the file works offline).
enum ReportCSS {
  static let text = """
    :root { --fg: #212529; --muted: #6c757d; --line: #dee2e6; --bg: #ffffff; --panel: #f8f9fa;
      --ok: #2f9e44; --bad: #e03131; --warn: #f59f00; --err: #7048e8; --run: #1c7ed6; }
    * { box-sizing: border-box; }
    body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
      color: var(--fg); background: var(--bg); max-width: 1100px; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 14px; margin: 16px 0 4px; }
    p.description { color: var(--muted); margin: 0 0 12px; max-width: 900px; }
    code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
    .outcome { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; margin: 8px 0 12px; }
    .outcome.healthy { background: #ebfbee; color: #2b8a3e; } .outcome.degraded { background: #fff5f5; color: #c92a2a; }
    .outcome.paused { background: #fff9db; color: #e67700; } .outcome.progressing { background: #e7f5ff; color: #1864ab; }
    table { border-collapse: collapse; margin: 6px 0 12px; }
    th, td { text-align: left; padding: 4px 10px 4px 0; vertical-align: top; border-bottom: 1px solid var(--line); }
    th { color: var(--muted); font-weight: 600; }
    table.facts th { width: 180px; border: none; } table.facts td { border: none; }
    .steps li { margin: 2px 0; } .steps .state { display: inline-block; width: 1.4em; }
    .st-done { color: var(--ok); } .st-aborted { color: var(--bad); font-weight: 600; } .st-current { color: var(--run); font-weight: 600; }
    .st-skipped, .st-pending { color: var(--muted); }
    svg.chart { width: 100%; height: auto; display: block; margin: 4px 0 14px; font-size: 11px; }
    svg.chart text { fill: var(--fg); } svg.chart .xlabel, svg.chart .ylabel, svg.chart .unit { fill: var(--muted); }
    svg.chart .grid line { stroke: #f1f3f5; } svg.chart .time-axis line { stroke: #adb5bd; }
    svg.chart .series path { fill: none; stroke-width: 2; stroke-linejoin: round; }
    svg.chart .band rect { stroke: none; } svg.chart .band-0 rect { fill: #f1f3f5; } svg.chart .band-1 rect { fill: #e9ecef; }
    svg.chart .band-aborted rect { fill: #ffe3e3; } svg.chart .band text { fill: #495057; font-size: 10.5px; }
    svg.chart .break rect { fill: #fff; } svg.chart .break path { fill: none; stroke: #adb5bd; stroke-width: 1.5; }
    svg.chart .markers line { stroke-width: 1.5; stroke-dasharray: 3 3; } svg.chart .marker-promoted line { stroke: var(--ok); }
    svg.chart .marker-aborted line { stroke: var(--bad); } svg.chart .markers text { font-size: 10.5px; font-weight: 600; }
    svg.chart .marker-promoted text { fill: var(--ok); } svg.chart .marker-aborted text { fill: var(--bad); }
    svg.chart .threshold line { stroke: #495057; stroke-width: 1.5; stroke-dasharray: 6 4; }
    svg.chart .threshold .fail-zone { fill: #fff5f5; } svg.chart .threshold text { fill: #495057; font-weight: 600; }
    svg.chart .m-successful { fill: var(--ok); } svg.chart .m-failed { fill: var(--bad); }
    svg.chart .m-inconclusive { fill: var(--warn); } svg.chart .m-error { fill: var(--err); } svg.chart .m-running { fill: var(--run); }
    svg.chart rect.novalue { fill: #fff; stroke-width: 1.5; } svg.chart rect.novalue.m-successful { stroke: var(--ok); }
    svg.chart rect.novalue.m-failed { stroke: var(--bad); } svg.chart rect.novalue.m-error { stroke: var(--err); }
    svg.chart rect.novalue.m-inconclusive { stroke: var(--warn); }
    svg.chart .run rect { fill: var(--run); opacity: 0.85; } svg.chart .run-successful rect { fill: var(--ok); }
    svg.chart .run-failed rect { fill: var(--bad); } svg.chart .run-error rect { fill: var(--err); }
    svg.chart .run-inconclusive rect { fill: var(--warn); } svg.chart .run text { font-size: 11px; }
    svg.chart .legend text { font-size: 11px; }
    ol.explain { padding-left: 0; list-style: none; } ol.explain li { margin: 0 0 8px; padding-left: 136px; position: relative; }
    ol.explain .t { position: absolute; left: 0; width: 130px; color: var(--muted); white-space: nowrap; }
    ol.explain .rule { display: block; color: var(--muted); font-size: 12.5px; }
    ol.explain li.notable > .what { font-weight: 600; } ol.explain li.measurement > .what { color: #495057; }
    details { margin: 8px 0; } summary { cursor: pointer; color: var(--run); }
    .warning { color: var(--bad); } .muted { color: var(--muted); }
    table.ranking td.num, table.ranking th.num { text-align: right; padding-right: 14px; }
    table.served td + td, table.served th + th { text-align: right; padding-right: 14px; }
    tr.front td { font-weight: 600; }
    svg.chart .scatter circle { fill: #adb5bd; } svg.chart .scatter circle.front { fill: var(--run); }
    svg.chart .pareto path { fill: none; stroke: var(--run); stroke-width: 1.5; stroke-dasharray: 5 3; }
    footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
    """
}
