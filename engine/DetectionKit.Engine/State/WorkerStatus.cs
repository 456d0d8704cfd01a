namespace DetectionKit.Engine.State;

/// <summary>
/// What one worker of a scope runs and how far it got, as it last recorded it in the shared state:
/// other workers read it to report peers on a different rule set, and an operator reads it to see
/// which workers are alive. <see cref="SeenAt"/> is refreshed with the counters at every health interval.
/// </summary>
/// <param name="Scope">The state scope the worker commits to.</param>
/// <param name="WorkerId">Unique per process: host name, process id and a random part.</param>
/// <param name="RuleSetHash">The fingerprint of the rules and settings it evaluates (<see cref="Evaluation.RuleSetFingerprint"/>).</param>
/// <param name="Version">The DetectionKit version it runs.</param>
/// <param name="StartedAt">When the worker started.</param>
/// <param name="SeenAt">When it last recorded itself.</param>
/// <param name="Objects">Objects read to their end and committed.</param>
/// <param name="Events">Records evaluated.</param>
/// <param name="Alerts">Alerts it delivered.</param>
/// <param name="Stopped">True once it stopped cleanly.</param>
public sealed record WorkerStatus(
    string Scope,
    string WorkerId,
    string RuleSetHash,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset SeenAt,
    long Objects,
    long Events,
    long Alerts,
    bool Stopped);
