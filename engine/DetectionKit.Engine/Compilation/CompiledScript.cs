namespace DetectionKit.Engine.Compilation;

/// <summary>One rule's class in an emitted assembly: what binding its functions and locating its exceptions need.</summary>
/// <param name="RuleIndex">The rule's position in the list that was compiled.</param>
/// <param name="RuleId">The rule's id, checked against that position when a cached assembly is loaded.</param>
/// <param name="Path">Full path of the rule's script.</param>
/// <param name="TypeName">Metadata name of the generated class.</param>
/// <param name="SourcePaths">The script and every library it loads: the source maps its exceptions are located through.</param>
internal sealed record CompiledScript(int RuleIndex, string RuleId, string Path, string TypeName, IReadOnlyList<string> SourcePaths);
