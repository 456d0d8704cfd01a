namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>A test that a top-level field (eventSource, eventName) equals one of some values, ignoring case.</summary>
internal sealed record FieldPin(string Field, IReadOnlyList<string> Values);
