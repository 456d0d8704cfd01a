namespace DetectionKit.Engine.Compilation.Safety;

/// <summary>Names, for a refused API, the kind of power it would give a script, so the message says why.</summary>
internal static class RefusedCategory
{
    // Most specific first; a namespace or type name matches itself and everything under it.
    private static readonly (string Prefix, string Category)[] ByPrefix =
    [
        ("System.Runtime.CompilerServices.Unsafe", "interop and unsafe code"),
        ("System.Runtime.InteropServices", "interop and unsafe code"),
        ("System.Runtime.Loader", "reflection and code loading"),
        ("System.Reflection", "reflection and code loading"),
        ("System.Linq.Expressions", "reflection and code loading"),
        ("System.Linq.Queryable", "reflection and code loading"),
        ("System.Linq.ParallelEnumerable", "threads and tasks"),
        ("System.Linq.ParallelQuery", "threads and tasks"),
        ("System.Type", "reflection and code loading"),
        ("System.Activator", "reflection and code loading"),
        ("System.Delegate", "reflection and code loading"),
        ("System.MulticastDelegate", "reflection and code loading"),
        ("System.IO", "the file system"),
        ("System.Net", "the network"),
        ("System.Diagnostics", "processes and diagnostics"),
        ("System.Environment", "the environment (variables, command line, process exit)"),
        ("System.AppContext", "process-wide settings"),
        ("System.AppDomain", "process-wide settings"),
        ("System.Threading", "threads and tasks"),
        ("System.GC", "the garbage collector"),
        ("System.Console", "the console"),
        ("System.Security", "cryptography and security"),
        ("System.Random", "shared random state"),
        ("Microsoft.Win32", "the operating system"),
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

        return "an API outside the allow-list";
    }
}
