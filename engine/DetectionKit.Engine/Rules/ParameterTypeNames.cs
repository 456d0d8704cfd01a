namespace DetectionKit.Engine.Rules;

/// <summary>The YAML names of <see cref="ParameterType"/> values and the rule-API accessor that reads each.</summary>
public static class ParameterTypeNames
{
    private static readonly (ParameterType Type, string Name, string Accessor, string Shape)[] All =
    [
        (ParameterType.AccountIds, "accountIds", "AccountIds", "a list of 12-digit account ids, each in quotes (\"111122223333\")"),
        (ParameterType.Cidrs, "cidrs", "Cidrs", "a list of IP ranges or addresses (\"10.0.0.0/8\", \"2001:db8::/32\", \"198.51.100.7\")"),
        (ParameterType.Strings, "strings", "Strings", "a list of strings"),
        (ParameterType.String, "string", "Text", "a string"),
        (ParameterType.Number, "number", "Number", "a number"),
        (ParameterType.Bool, "bool", "Bool", "true or false"),
    ];

    /// <summary>Every name, in declaration order, as the schema lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToList();

    public static string ToName(this ParameterType type) => Find(type).Name;

    /// <summary>The <c>Parameters</c> method that reads a parameter of this type: <c>AccountIds</c>, ..., <c>Text</c> for <c>string</c>.</summary>
    public static string Accessor(this ParameterType type) => Find(type).Accessor;

    /// <summary>What a value of the type looks like, for messages.</summary>
    public static string Shape(this ParameterType type) => Find(type).Shape;

    public static bool TryParse(string? name, out ParameterType type)
    {
        foreach (var entry in All)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                type = entry.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The type an accessor method reads, or null for a name that is none.</summary>
    public static ParameterType? OfAccessor(string accessor) =>
        All.FirstOrDefault(t => t.Accessor == accessor) is { Accessor: not null } found ? found.Type : null;

    private static (ParameterType Type, string Name, string Accessor, string Shape) Find(ParameterType type) =>
        All.First(t => t.Type == type);
}
