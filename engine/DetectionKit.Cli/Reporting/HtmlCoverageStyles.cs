namespace DetectionKit.Cli.Reporting;

/// <summary>The report's stylesheet, inlined so the file opens anywhere without fetching anything.</summary>
internal static class HtmlCoverageStyles
{
    public const string Css = """
        :root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff; --wash: #f9fafb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--wash); }
        main { max-width: 1360px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 32px 0 8px; }
        p.meta { color: var(--muted); margin: 0 0 16px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 170px; flex: 1 1 0; }
        .card .value { font-size: 26px; font-weight: 600; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .note { color: var(--muted); font-size: 11px; max-width: 240px; margin-top: 2px; }
        .matrix { display: grid; grid-template-columns: repeat(11, minmax(0, 1fr)); gap: 6px; align-items: start; }
        .tactic { display: flex; flex-direction: column; gap: 4px; }
        .tactic-head { background: #1f2937; color: #fff; border-radius: 6px; padding: 6px; font-weight: 600; font-size: 12px; min-height: 64px; }
        .tactic-head .count { display: block; font-weight: 400; color: #d1d5db; font-size: 11px; }
        .cell { border-radius: 5px; padding: 5px 6px; font-size: 11px; line-height: 1.3; border: 1px solid rgba(0, 0, 0, .06); cursor: default; }
        .cell .id { display: block; font-size: 10px; opacity: .75; }
        .cell .sub { display: block; margin-top: 3px; padding-top: 3px; border-top: 1px solid rgba(0, 0, 0, .12); font-size: 10px; }
        .c0 { background: #eceef1; color: #8b919c; }
        .c1 { background: #bfdbfe; }
        .c2 { background: #7cb4f8; }
        .c3 { background: #2563eb; color: #fff; }
        .c4 { background: #1e3a8a; color: #fff; }
        .c3 .sub, .c4 .sub { border-top-color: rgba(255, 255, 255, .35); }
        .badges { display: flex; flex-wrap: wrap; gap: 3px; margin-top: 3px; }
        .badge { display: inline-block; border-radius: 3px; padding: 0 4px; font-size: 10px; font-weight: 600; line-height: 15px; }
        .legend .badge { margin-right: 4px; }
        .badge.hi { background: #dc2626; color: #fff; }
        .badge.lo { background: #f3f4f6; color: #374151; border: 1px solid rgba(0, 0, 0, .12); }
        .legend { display: flex; gap: 14px; align-items: center; margin: 10px 0 0; color: var(--muted); font-size: 12px; flex-wrap: wrap; }
        .legend span.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -3px; margin-right: 4px; border: 1px solid rgba(0, 0, 0, .08); }
        table { border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f3f4f6; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #374151; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; }
        .caught { background: #dcfce7; color: #166534; }
        .missed { background: #fee2e2; color: #991b1b; }
        .below { background: #fef3c7; color: #92400e; }
        .muted { color: var(--muted); font-size: 12px; }
        th.group { text-align: center; border-left: 1px solid var(--line); }
        td.split, th.split { border-left: 1px solid var(--line); }
        .sev { display: inline-block; min-width: 64px; border-radius: 4px; padding: 1px 6px; color: #fff; font-size: 12px; }
        .sev-critical { background: #7f1d1d; }
        .sev-high { background: #dc2626; }
        .sev-medium { background: #d97706; }
        .sev-low { background: #2563eb; }
        .sev-info { background: #6b7280; }
        .bar { height: 10px; border-radius: 3px; min-width: 2px; }
        .bar.seen { margin-top: 3px; opacity: .55; }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
        .warn { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 6px; padding: 8px 12px; }
        footer { color: var(--muted); font-size: 12px; margin: 32px 0 8px; }
        """;
}
