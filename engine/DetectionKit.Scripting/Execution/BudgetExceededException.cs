namespace DetectionKit.Scripting.Execution;

/// <summary>
/// Thrown into rule code that ran past its budget. A script may catch it, but the meter stays
/// tripped: every later step throws again, and the engine reports the call as stopped whatever it returned.
/// </summary>
internal sealed class BudgetExceededException(string reason) : Exception(reason);
