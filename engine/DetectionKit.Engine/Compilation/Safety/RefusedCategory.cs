namespace DetectionKit.Engine.Compilation.Safety;

/// <summary>Says, for a refused API, what power it would give a script, so the message says why.</summary>
internal static class RefusedCategory
{
    // Most specific first; a namespace or type name matches itself and everything under it.
    private static readonly (string Prefix, string Category)[] ByPrefix =
    [
        ("System.Runtime.CompilerServices.Unsafe", "it is interop or unsafe code"),
        ("System.Runtime.InteropServices", "it is interop or unsafe code"),
        ("System.Runtime.Loader", "it is reflection or loads code"),
        ("System.Reflection", "it is reflection or loads code"),
        ("System.Linq.Expressions", "it is reflection or loads code"),
        ("System.Linq.Queryable", "it is reflection or loads code"),
        ("System.Linq.ParallelEnumerable", "it runs threads or tasks"),
        ("System.Linq.ParallelQuery", "it runs threads or tasks"),
        ("System.Type", "it is reflection or loads code"),
        ("System.Activator", "it is reflection or loads code"),
        ("System.Delegate", "it is reflection or loads code"),
        ("System.MulticastDelegate", "it is reflection or loads code"),
        ("System.IO", "it reaches the file system"),
        ("System.Net", "it reaches the network"),
        ("System.Diagnostics", "it reaches processes and diagnostics"),
        ("System.Environment", "it reaches the environment (variables, command line, process exit)"),
        ("System.AppContext", "it changes process-wide settings"),
        ("System.AppDomain", "it changes process-wide settings"),
        ("System.Threading", "it runs threads or tasks"),
        ("System.GC", "it reaches the garbage collector"),
        ("System.Console", "it writes to the console"),
        ("System.Security", "it is cryptography or security"),
        ("System.Random", "it shares random state between rules"),
        ("Microsoft.Win32", "it reaches the operating system"),
    ];

    public static string Of(string qualifiedName)
    {
        foreach (var (prefix, category) in ByPrefix)
        {
            if (qualifiedName == prefix || qualifiedName.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return category;
            }
        }

        return "it is not on the allow-list";
    }
}
