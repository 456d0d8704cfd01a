namespace DetectionKit.Tooling.Documentation;

/// <summary>
/// The public surface of the rule API (the assembly rule scripts compile against) with its doc
/// comments, read from the assembly's metadata and XML documentation; the CLI renders it as markdown.
/// </summary>
/// <param name="AssemblyName">The documented assembly, <c>DetectionKit.Scripting</c>.</param>
/// <param name="Types">Its public types, by name.</param>
public sealed record RuleApiReference(string AssemblyName, IReadOnlyList<RuleApiType> Types);
