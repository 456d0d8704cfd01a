using DetectionKit.Scripting.Execution;

namespace DetectionKit.Scripting;

/// <summary>
/// The values of the parameters a rule declares in its YAML (<c>parameters:</c>, each with a type, a
/// description and a default), as an organisation's settings file and the rule's recorded cases set
/// them. Read them inside the rule's functions, by a constant name the rule declares, with the
/// accessor of the declared type: <c>Parameters.AccountIds("knownAccounts").Contains(account)</c>.
/// The compiler checks each read (the name is declared, the type matches) and refuses a read in a
/// field initialiser: the value can differ from one case or settings file to the next, so it is read
/// when it is used, never captured once (a property such as
/// <c>static IReadOnlySet&lt;string&gt; KnownAccounts =&gt; Parameters.AccountIds("knownAccounts");</c>
/// reads it each time). Shared libraries do not read parameters: their functions take the values as
/// arguments.
/// </summary>
public static class Parameters
{
    /// <summary>An <c>accountIds</c> parameter: 12-digit AWS account ids, compared as text.</summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static IReadOnlySet<string> AccountIds(string name) => Read<IReadOnlySet<string>>(name, "accountIds");

    /// <summary>
    /// A <c>cidrs</c> parameter: IPv4 and IPv6 ranges (a bare address is a range of one), parsed when
    /// the rule is loaded, for <see cref="SourceAddress.IsIn(IEnumerable{Cidr})"/>.
    /// </summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static IReadOnlyList<Cidr> Cidrs(string name) => Read<IReadOnlyList<Cidr>>(name, "cidrs");

    /// <summary>A <c>strings</c> parameter: a list of text values, in the order written.</summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static IReadOnlyList<string> Strings(string name) => Read<IReadOnlyList<string>>(name, "strings");

    /// <summary>A <c>string</c> parameter: one text value.</summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static string Text(string name) => Read<string>(name, "string");

    /// <summary>A <c>number</c> parameter, such as a count a rule compares with: <c>Count(e) &gt;= Parameters.Number("manyInstances")</c>.</summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static double Number(string name) => Read<double>(name, "number");

    /// <summary>A <c>bool</c> parameter: a switch.</summary>
    /// <param name="name">The parameter's name as the rule's YAML declares it.</param>
    /// <exception cref="InvalidOperationException">No rule function is running (a field initialiser reads it), or the rule declares no such parameter of this type.</exception>
    public static bool Bool(string name) => Read<bool>(name, "bool");

    private static T Read<T>(string name, string type)
    {
        var values = ParameterScope.Current
            ?? throw new InvalidOperationException($"parameter '{name}' was read outside a rule function, while the script's fields were initialised: a field keeps one value for every case and settings file, so read parameters inside the functions (or in a property with '=>')");
        if (!values.TryGetValue(name, out var value))
        {
            throw new InvalidOperationException($"the rule declares no parameter '{name}'; declare it under 'parameters:' in the rule's YAML");
        }

        return value is T typed
            ? typed
            : throw new InvalidOperationException($"parameter '{name}' is not of type {type}; read it with the accessor of its declared type");
    }
}
