namespace DetectionKit.Engine.Compilation;

/// <summary>
/// The options rule scripts are compiled with, as plain values: the compiler reads them, and so does
/// the rule cache's key, which must not need the compiler to be computed.
/// </summary>
internal static class CompilerSettings
{
    /// <summary>Whether scripts are compiled optimised.</summary>
    public const bool Optimize = false;

    /// <summary>Every option that changes what is emitted, for the cache key.</summary>
    public static string Description { get; } = $"optimize={Optimize};nullable=disable;unsafe=allowed;language=latest;kind=library;pdb=portable";
}
