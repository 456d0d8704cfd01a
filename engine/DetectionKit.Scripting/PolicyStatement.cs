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

    /// <summary><c>Sid</c>, the statement's label; null when absent.</summary>
    public string? Sid { get; }

    /// <summary><c>Effect</c> as written, <c>Allow</c> or <c>Deny</c>; null when absent.</summary>
    public string? Effect { get; }

    /// <summary><see cref="Effect"/> is <c>Allow</c>, ignoring case.</summary>
    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="Effect"/> is <c>Deny</c>, ignoring case.</summary>
    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Action</c>: the actions as written, wildcards included (<c>s3:Get*</c>); empty when absent. <see cref="AllowsAction"/> matches them.</summary>
    public IReadOnlyList<string> Actions { get; }

    /// <summary><c>NotAction</c>: the actions the statement applies to all but; empty when absent.</summary>
    public IReadOnlyList<string> NotActions { get; }

    /// <summary><c>Resource</c>: resource ARNs or patterns as written, <c>*</c> for all; empty when absent (as in trust policies).</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary><c>NotResource</c>: the resources the statement applies to all but; empty when absent.</summary>
    public IReadOnlyList<string> NotResources { get; }

    /// <summary><c>Principal</c>; null when absent (identity policies have none) or neither <c>"*"</c> nor an object.</summary>
    public PolicyPrincipal? Principal { get; }

    /// <summary><c>NotPrincipal</c>: everyone but these; null when absent.</summary>
    public PolicyPrincipal? NotPrincipal { get; }

    /// <summary>Every operator and key of the <c>Condition</c> block, one <see cref="PolicyCondition"/> each; empty when there is none.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>
    /// The statement applies to anyone: its principal is public (<c>*</c>, <c>{"AWS": "*"}</c>, or <c>*</c>
    /// among the AWS principals), or it names a <c>NotPrincipal</c> (everyone but those).
    /// </summary>
    public bool HasPublicPrincipal => Principal?.IsPublic == true || NotPrincipal is not null;

    /// <summary>A condition pins the statement to a network, source, account, organisation or principal (<see cref="PolicyCondition.Restricts"/>).</summary>
    public bool HasRestrictingCondition => Conditions.Any(condition => condition.Restricts);

    /// <summary>
    /// An Allow whose principal is anyone (<see cref="HasPublicPrincipal"/>) and that no condition restricts
    /// (<see cref="HasRestrictingCondition"/>). Actions and resources are not weighed.
    /// </summary>
    public bool GrantsPublicAccess => IsAllow && HasPublicPrincipal && !HasRestrictingCondition;

    /// <summary>
    /// An Allow of every action (<c>*</c> or <c>*:*</c>) on every resource (<c>*</c>). Conditions are not
    /// weighed: a conditional grant of everything is still administrator access once the condition holds.
    /// </summary>
    public bool GrantsFullAdmin =>
        IsAllow && Actions.Any(action => action is "*" or "*:*") && Resources.Contains("*");

    /// <summary>
    /// True when the statement allows the action (<c>s3:GetObject</c>): it is an Allow and its <c>Action</c>
    /// matches it, or it has no <c>Action</c> and its <c>NotAction</c> does not; IAM wildcards (<c>*</c> any
    /// run of characters, <c>?</c> any one), ignoring case. Resources, principals and conditions are not weighed.
    /// </summary>
    /// <param name="action">The action, <c>service:Operation</c>.</param>
    public bool AllowsAction(string action) =>
        IsAllow && (Actions.Count > 0
            ? Actions.Any(pattern => Wildcard.Matches(pattern, action))
            : NotActions.Count > 0 && !NotActions.Any(pattern => Wildcard.Matches(pattern, action)));

    /// <summary>The statement as JSON text.</summary>
    public override string ToString() => Json.GetRawText();
}
