namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>The <c>match</c> block of an imported rule: the event sources and names its detection pins (empty: any).</summary>
public sealed record SigmaMatch(IReadOnlyList<string> EventSources, IReadOnlyList<string> EventNames);
