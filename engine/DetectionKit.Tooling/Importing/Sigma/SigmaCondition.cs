namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// A Sigma condition parsed to a tree: <see cref="SigmaAnd"/>, <see cref="SigmaOr"/>,
/// <see cref="SigmaNot"/>, a search identifier (<see cref="SigmaSearchRef"/>) and
/// <c>1 of</c>/<c>all of</c> a pattern or <c>them</c> (<see cref="SigmaQuantified"/>).
/// </summary>
public abstract record SigmaCondition;
