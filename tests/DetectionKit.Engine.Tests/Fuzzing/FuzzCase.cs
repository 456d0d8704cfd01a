namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>What one fuzz case did (for the failure message) and what broke, if anything.</summary>
internal sealed record FuzzCase(string Description, string? Problem)
{
    public static FuzzCase Passed(string description) => new(description, null);
}
