namespace DetectionKit.Engine.State;

/// <summary>The state file cannot be used: locked by another process, not a database, unwritable, too new.</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);
