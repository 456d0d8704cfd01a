namespace DetectionKit.Tooling.Testing;

/// <summary>What the harness did with a rule's snapshot files.</summary>
public enum SnapshotOutcome
{
    /// <summary>The received outputs equal the verified snapshot.</summary>
    Matched,

    /// <summary>They differ, or there is no verified snapshot: <c>.received.json</c> was written.</summary>
    ReceivedWritten,

    /// <summary><c>--accept</c> wrote the received outputs as the verified snapshot.</summary>
    Accepted,

    /// <summary>The rule did not compile; no snapshot was touched.</summary>
    NotRun,
}
