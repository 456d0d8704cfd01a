using System.Globalization;
using System.Reflection;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Queueing;

/// <summary>
/// A worker's health and progress: once per interval, a log line (rates over the interval, totals, lag,
/// backlog, peers) and the worker's status recorded in the shared state, where the other workers read it.
/// A peer on a different rule set is reported once (DK6008): the same object would alert differently
/// depending on which worker reads it. A status that cannot be recorded or read is logged and the
/// worker goes on (what it commits and delivers still needs the state: a failure there stops it, exit 4).
/// </summary>
internal sealed class WorkerHealth
{
    private readonly IAlertStateStore state;
    private readonly WorkerCounters counters;
    private readonly string scope;
    private readonly TimeSpan interval;
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private DateTimeOffset lastAt;
    private long lastObjects;
    private long lastEvents;

    public WorkerHealth(IAlertStateStore state, WorkerCounters counters, string scope, string workerId, string ruleSetHash, TimeSpan interval)
    {
        this.state = state;
        this.counters = counters;
        this.scope = scope;
        this.interval = interval <= TimeSpan.Zero ? TimeSpan.FromMinutes(1) : interval;
        WorkerId = workerId;
        RuleSetHash = ruleSetHash;
        StartedAt = DateTimeOffset.UtcNow;
        lastAt = StartedAt;
    }

    public static string Version { get; } =
        typeof(WorkerHealth).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
            ? version.Split('+')[0]
            : "unknown";

    public string WorkerId { get; }

    public string RuleSetHash { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Records the worker as started and reports peers on other rule sets.</summary>
    public void Start(Action<string>? log, Action<Diagnostic> report)
    {
        Record(DateTimeOffset.UtcNow, stopped: false, log);
        ComparePeers(DateTimeOffset.UtcNow, log, report);
    }

    /// <summary>True when an interval has passed since the last line.</summary>
    public bool IsDue => DateTimeOffset.UtcNow - lastAt >= interval;

    /// <summary>Logs the line, records the status and compares the peers.</summary>
    /// <param name="condition">"healthy", or what is wrong (the queue unreachable since when).</param>
    /// <param name="backlog">The queue's approximate visible and in-flight messages, when known.</param>
    /// <param name="log">Receives the line.</param>
    /// <param name="report">Receives a DK6008 for each peer newly seen on another rule set.</param>
    public void Beat(string condition, (long Visible, long InFlight)? backlog, Action<string>? log, Action<Diagnostic> report)
    {
        var now = DateTimeOffset.UtcNow;
        var seconds = Math.Max(0.001, (now - lastAt).TotalSeconds);
        var objects = counters.ObjectsRead - lastObjects;
        var events = counters.Events - lastEvents;
        var queue = backlog is { } b ? string.Create(CultureInfo.InvariantCulture, $"; queue: ~{b.Visible} waiting, ~{b.InFlight} in flight") : string.Empty;
        var peers = counters.Workers > 1 ? string.Create(CultureInfo.InvariantCulture, $"; {counters.Workers} workers on this state{(counters.WorkersOnOtherRules > 0 ? $", {counters.WorkersOnOtherRules} on other rules" : string.Empty)}") : string.Empty;
        log?.Invoke(string.Create(
            CultureInfo.InvariantCulture,
            $"worker {WorkerId}: {condition}; last {seconds:0} s: {objects} objects ({objects / seconds:0.##}/s), {events} events ({events / seconds:0.#}/s); total: {counters.ObjectsRead} objects, {counters.Events} events, {counters.Alerts} alerts, {counters.Errors} errors; lag {counters.Lag.TotalSeconds:0} s{queue}{peers}"));
        lastAt = now;
        lastObjects = counters.ObjectsRead;
        lastEvents = counters.Events;
        Record(now, stopped: false, log);
        ComparePeers(now, log, report);
    }

    /// <summary>Records the worker as stopped cleanly.</summary>
    public void Stop(Action<string>? log) => Record(DateTimeOffset.UtcNow, stopped: true, log);

    private void Record(DateTimeOffset now, bool stopped, Action<string>? log)
    {
        try
        {
            state.RecordWorker(new WorkerStatus(scope, WorkerId, RuleSetHash, Version, StartedAt, now, counters.ObjectsRead, counters.Events, counters.Alerts, stopped));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log?.Invoke($"worker {WorkerId}: warning: could not record its status in the state: {ex.Message}");
        }
    }

    private void ComparePeers(DateTimeOffset now, Action<string>? log, Action<Diagnostic> report)
    {
        IReadOnlyList<WorkerStatus> live;
        try
        {
            // A peer that missed three beats (of this worker's interval, and at least three minutes) is taken for gone.
            var missed = 3 * interval > TimeSpan.FromMinutes(3) ? 3 * interval : TimeSpan.FromMinutes(3);
            live = state.Workers(scope, now - missed).Where(w => !w.Stopped).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log?.Invoke($"worker {WorkerId}: warning: could not read the other workers' status: {ex.Message}");
            return;
        }

        var others = live.Where(w => w.WorkerId != WorkerId && w.RuleSetHash != RuleSetHash).ToList();
        counters.Workers = Math.Max(1, live.Count(w => w.WorkerId != WorkerId) + 1);
        counters.WorkersOnOtherRules = others.Count;
        foreach (var peer in others.Where(p => reported.Add($"{p.WorkerId}\n{p.RuleSetHash}")))
        {
            report(Diagnostic.Warning(
                DiagnosticCodes.WorkerRuleSetsDiffer,
                new SourceLocation($"worker {peer.WorkerId}"),
                $"runs rule set {peer.RuleSetHash} (DetectionKit {peer.Version}, seen {peer.SeenAt:u}), this worker {WorkerId} runs {RuleSetHash}: objects alert differently depending on which worker reads them; deploy the same rules and settings to every worker of a queue"));
        }
    }
}
