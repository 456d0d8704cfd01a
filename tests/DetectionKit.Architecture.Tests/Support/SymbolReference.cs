namespace DetectionKit.Architecture.Tests.Support;

/// <summary>A place in one assembly's sources that names (or implicitly calls) a symbol of a first-party assembly.</summary>
internal sealed record SymbolReference(string FromAssembly, string FromNamespace, string ToAssembly, string ToNamespace, string Symbol, CodeLocation Where);
