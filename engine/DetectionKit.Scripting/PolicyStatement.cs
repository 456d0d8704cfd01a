using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>One statement of an IAM or resource policy, with every element that may be one value or a list read as a list.</summary>
public sealed class PolicyStatement
{
    internal PolicyStatement(JsonElement json)
    {
        Json = json;
        Sid = json.Get("Sid");
        Effect = json.Get("Effect");
        Actions = json.Strings("Action").ToList();
        NotActions = json.Strings("NotAction").ToList();
        Resources = json.Strings("Resource").ToList();
        NotResources = json.Strings("NotResource").ToList();
        Principal = json.Element("Principal") is { } principal ? PolicyPrincipal.From(principal) : null;
        NotPrincipal = json.Element("NotPrincipal") is { } notPrincipal ? PolicyPrincipal.From(notPrincipal) : null;
        Conditions = json.Element("Condition") is { ValueKind: JsonValueKind.Object } condition
            ? condition.EnumerateObject()
                .Where(op => op.Value.ValueKind == JsonValueKind.Object)
                .SelectMany(op => op.Value.EnumerateObject().Select(key => new PolicyCondition(op.Name, key.Name, key.Value.Strings().ToList())))
                .ToList()
            : [];
    }

    /// <summary>The statement as written.</summary>
    public JsonElement Json { get; }

    public string? Sid { get; }

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public string? Effect { get; }

    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.OrdinalIgnoreCase);

    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Actions { get; }

    public IReadOnlyList<string> NotActions { get; }

    public IReadOnlyList<string> Resources { get; }

    public IReadOnlyList<string> NotResources { get; }

    /// <summary>Null in identity policies, which have no principal.</summary>
    public PolicyPrincipal? Principal { get; }

    public PolicyPrincipal? NotPrincipal { get; }

    /// <summary>Every operator and key of the <c>Condition</c> block; empty when there is none.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>
    /// The statement applies to anyone: its principal is public (<c>*</c>, <c>{"AWS": "*"}</c>, or <c>*</c>
    /// among the AWS principals), or it names a <c>NotPrincipal</c> (everyone but those).
    /// </summary>
    public bool HasPublicPrincipal => Principal?.IsPublic == true || NotPrincipal is not null;

    /// <summary>A condition pins the statement to a network, source, account, organisation or principal (<see cref="PolicyCondition.Restricts"/>).</summary>
    public bool HasRestrictingCondition => Conditions.Any(condition => condition.Restricts);

    /// <summary>An Allow to a public principal that no condition restricts.</summary>
    public bool GrantsPublicAccess => IsAllow && HasPublicPrincipal && !HasRestrictingCondition;

    /// <summary>
    /// An Allow of every action (<c>*</c> or <c>*:*</c>) on every resource (<c>*</c>). Conditions are not
    /// weighed: a conditional grant of everything is still administrator access once the condition holds.
    /// </summary>
    public bool GrantsFullAdmin =>
        IsAllow && Actions.Any(action => action is "*" or "*:*") && Resources.Contains("*");

    /// <summary>
    /// True when the statement allows the action (<c>s3:GetObject</c>): it is an Allow and its <c>Action</c>
    /// matches it, or its <c>NotAction</c> does not; IAM wildcards (<c>*</c>, <c>?</c>), ignoring case.
    /// Resources, principals and conditions are not weighed.
    /// </summary>
    public bool AllowsAction(string action) =>
        IsAllow && (Actions.Count > 0
            ? Actions.Any(pattern => Wildcard.Matches(pattern, action))
            : NotActions.Count > 0 && !NotActions.Any(pattern => Wildcard.Matches(pattern, action)));

    public override string ToString() => Json.GetRawText();
}
