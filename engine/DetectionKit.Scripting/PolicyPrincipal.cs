using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// The <c>Principal</c> (or <c>NotPrincipal</c>) of a policy statement, normalised: <c>"*"</c> is read as
/// <c>{"AWS": ["*"]}</c>, and every principal type holds a list.
/// </summary>
public sealed class PolicyPrincipal
{
    private readonly Dictionary<string, IReadOnlyList<string>> byType;

    private PolicyPrincipal(Dictionary<string, IReadOnlyList<string>> byType) => this.byType = byType;

    /// <summary>Principal types (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) and their values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByType => byType;

    /// <summary>Account ids, account root ARNs, user and role ARNs, or <c>*</c>.</summary>
    public IReadOnlyList<string> Aws => Of("AWS");

    /// <summary>Service principals such as <c>cloudtrail.amazonaws.com</c>.</summary>
    public IReadOnlyList<string> Service => Of("Service");

    public IReadOnlyList<string> Federated => Of("Federated");

    public IReadOnlyList<string> CanonicalUser => Of("CanonicalUser");

    /// <summary>Anyone: <c>"*"</c>, or <c>"*"</c> among the AWS principals.</summary>
    public bool IsPublic => Aws.Contains("*");

    /// <summary>The values of a principal type (case as written in the policy); empty when absent.</summary>
    public IReadOnlyList<string> Of(string type) => byType.TryGetValue(type, out var values) ? values : [];

    /// <summary>Reads <c>"*"</c> or an object of principal types; null for anything else.</summary>
    public static PolicyPrincipal? From(JsonElement element)
    {
        var byType = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() == "*":
                byType["AWS"] = ["*"];
                break;
            case JsonValueKind.Object:
                foreach (var type in element.EnumerateObject())
                {
                    byType[type.Name] = type.Value.Strings().ToList();
                }

                break;
            default:
                return null;
        }

        return new PolicyPrincipal(byType);
    }

    public override string ToString() =>
        string.Join("; ", byType.Select(type => $"{type.Key}: {string.Join(",", type.Value)}"));
}
