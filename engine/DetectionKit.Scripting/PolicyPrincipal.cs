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

    /// <summary>Principal types (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) as written, each with its values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByType => byType;

    /// <summary>Account ids, account root ARNs, user and role ARNs, or <c>*</c>.</summary>
    public IReadOnlyList<string> Aws => Of("AWS");

    /// <summary>Service principals such as <c>cloudtrail.amazonaws.com</c>.</summary>
    public IReadOnlyList<string> Service => Of("Service");

    /// <summary>Identity providers: <c>cognito-identity.amazonaws.com</c>, a SAML or OIDC provider's ARN.</summary>
    public IReadOnlyList<string> Federated => Of("Federated");

    /// <summary>S3 canonical user ids.</summary>
    public IReadOnlyList<string> CanonicalUser => Of("CanonicalUser");

    /// <summary>Anyone: <c>"*"</c>, or <c>"*"</c> among the AWS principals. An account wildcard inside an ARN does not count.</summary>
    public bool IsPublic => Aws.Contains("*");

    /// <summary>The values of a principal type; empty when the principal has none.</summary>
    /// <param name="type">The type, matched case-sensitively: <c>AWS</c>, not <c>aws</c>.</param>
    public IReadOnlyList<string> Of(string type) => byType.TryGetValue(type, out var values) ? values : [];

    /// <summary>Reads a <c>Principal</c> or <c>NotPrincipal</c> value: <c>"*"</c>, or an object of principal types each holding one value or a list.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The principal; null for anything else.</returns>
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

    /// <summary>The types and their values, <c>AWS: 111122223333,arn:aws:iam::444455556666:root; Service: ec2.amazonaws.com</c>.</summary>
    public override string ToString() =>
        string.Join("; ", byType.Select(type => $"{type.Key}: {string.Join(",", type.Value)}"));
}
