namespace DetectionKit.Engine.State;

/// <summary>An input object fully processed for a scope (a scheduled job and its source).</summary>
public sealed record Checkpoint(string Scope, string Key);
