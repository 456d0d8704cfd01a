namespace DetectionKit.Engine.Compilation;

/// <summary>A hunt expression that threw on a record, or was stopped for running past its budget (<paramref name="Stopped"/>).</summary>
/// <param name="Expression">The expression.</param>
/// <param name="Message">The exception's type and message, or what the budget stopped.</param>
/// <param name="Stopped">It ran past its budget.</param>
public sealed record QueryFailure(QueryExpression Expression, string Message, bool Stopped);
