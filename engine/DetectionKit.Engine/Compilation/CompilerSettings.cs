namespace DetectionKit.Engine.Compilation;

/// <summary>
/// How rule scripts are compiled, as plain values: the compiler reads them, and so does the rule
/// cache's key, which must not need the compiler to be computed.
/// </summary>
/// <remarks>
/// The C# compiler's own optimisation is off: it moves values between statements onto the stack,
/// after which a stack frame's IL offset no longer falls in the statement that threw (measured: a
/// null dereference and a stopped loop reported one line early). What makes code fast is the JIT's
/// optimisation, and that is on: the assembly declares itself debuggable without disabling the JIT
/// optimiser (a Debug build would), so scripts tier up like any release code. The instrumentation
/// marks every script function never to be inlined, so none of them vanishes from a stack trace.
/// </remarks>
internal static class CompilerSettings
{
    /// <summary>The assembly attribute that leaves the JIT free to optimise scripts compiled without the C# compiler's optimisation.</summary>
    public const string JitOptimized =
        "[assembly: global::System.Diagnostics.Debuggable(global::System.Diagnostics.DebuggableAttribute.DebuggingModes.IgnoreSymbolStoreSequencePoints)]";

    /// <summary>Every option that changes what is emitted, for the cache key.</summary>
    public const string Description = "il=unoptimized;jit=" + JitOptimized + ";nullable=disable;unsafe=allowed;language=latest;kind=library;pdb=portable;inlining=never";
}
