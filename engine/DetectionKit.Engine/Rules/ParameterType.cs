namespace DetectionKit.Engine.Rules;

/// <summary>
/// The type of a rule parameter, as written in YAML (<c>accountIds</c>, <c>cidrs</c>, ...); each has
/// one accessor on the rule API's <c>Parameters</c> class. See <see cref="ParameterTypeNames"/>.
/// </summary>
public enum ParameterType
{
    /// <summary><c>accountIds</c>: a list of 12-digit account ids, in quotes.</summary>
    AccountIds,

    /// <summary><c>cidrs</c>: a list of IPv4 or IPv6 ranges or bare addresses.</summary>
    Cidrs,

    /// <summary><c>strings</c>: a list of text values.</summary>
    Strings,

    /// <summary><c>string</c>: one text value.</summary>
    String,

    /// <summary><c>number</c>: one number.</summary>
    Number,

    /// <summary><c>bool</c>: <c>true</c> or <c>false</c>.</summary>
    Bool,
}
