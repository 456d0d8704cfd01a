using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// An IAM or resource policy document, read from what CloudTrail records: a JSON object (S3's
/// <c>bucketPolicy</c>), JSON text, or URL-encoded JSON text (IAM's <c>policyDocument</c>).
/// </summary>
/// <remarks>
/// Parsing never fails: what is not a policy reads as <see cref="Empty"/>, which grants nothing, so
/// <c>PolicyDocument.Parse(e.RequestParameterElement("policyDocument")).GrantsFullAdmin</c> is simply
/// false when the parameter is missing.
/// </remarks>
public sealed class PolicyDocument
{
    private PolicyDocument(JsonElement? json)
    {
        Json = json;
        Statements = json?.Values("Statement").Where(s => s.ValueKind == JsonValueKind.Object).Select(s => new PolicyStatement(s)).ToList() ?? [];
    }

    /// <summary>No policy: no statements, grants nothing.</summary>
    public static PolicyDocument Empty { get; } = new(null);

    /// <summary>The document as a JSON object (decoded and parsed when it was recorded as text); null for <see cref="Empty"/>.</summary>
    public JsonElement? Json { get; }

    /// <summary><c>Version</c> as written, <c>2012-10-17</c>; null when absent.</summary>
    public string? Version => Json?.Get("Version");

    /// <summary>The statements, whether <c>Statement</c> holds one or a list; entries that are not JSON objects are left out. Empty when there is none.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Some Allow statement grants a public principal access without a condition that restricts it (<see cref="PolicyStatement.GrantsPublicAccess"/>).</summary>
    public bool GrantsPublicAccess => Statements.Any(s => s.GrantsPublicAccess);

    /// <summary>The statements that grant public access (<see cref="PolicyStatement.GrantsPublicAccess"/>), in document order.</summary>
    public IReadOnlyList<PolicyStatement> PublicStatements => Statements.Where(s => s.GrantsPublicAccess).ToList();

    /// <summary>Some statement allows every action on every resource (<see cref="PolicyStatement.GrantsFullAdmin"/>).</summary>
    public bool GrantsFullAdmin => Statements.Any(s => s.GrantsFullAdmin);

    /// <summary>A policy from JSON or URL-encoded JSON text, as <see cref="TryParse(string, out PolicyDocument)"/> reads it; <see cref="Empty"/> when the text is absent or not a JSON object.</summary>
    /// <param name="text">The policy text; may be null.</param>
    public static PolicyDocument Parse(string? text) => TryParse(text, out var policy) ? policy : Empty;

    /// <summary>
    /// A policy from a JSON object, or a JSON string holding JSON or URL-encoded JSON text; <see cref="Empty"/>
    /// otherwise: <c>PolicyDocument.Parse(e.RequestParameterElement("bucketPolicy"))</c>.
    /// </summary>
    /// <param name="element">The recorded policy; may be null.</param>
    public static PolicyDocument Parse(JsonElement? element) => TryParse(element, out var policy) ? policy : Empty;

    /// <summary>
    /// Reads a policy from text: JSON when it starts (after white space) with <c>{</c>, otherwise
    /// URL-encoded JSON, decoded first.
    /// </summary>
    /// <param name="text">The policy text; may be null.</param>
    /// <param name="policy">The policy; null when the method returns false.</param>
    /// <returns>False when the text is null, blank, not JSON, or JSON that is not an object.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PolicyDocument? policy)
    {
        policy = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var json = text.TrimStart().StartsWith('{') ? text : WebUtility.UrlDecode(text);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            policy = new PolicyDocument(document.RootElement.Clone());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a policy from a JSON object, or from a JSON string as <see cref="TryParse(string, out PolicyDocument)"/> does.</summary>
    /// <param name="element">The recorded policy; may be null.</param>
    /// <param name="policy">The policy; null when the method returns false.</param>
    /// <returns>False for null, for other kinds of JSON value, and for a string that is not a policy.</returns>
    public static bool TryParse(JsonElement? element, [NotNullWhen(true)] out PolicyDocument? policy)
    {
        policy = null;
        switch (element?.ValueKind)
        {
            case JsonValueKind.Object:
                policy = new PolicyDocument(element);
                return true;
            case JsonValueKind.String:
                return TryParse(element.Value.GetString(), out policy);
            default:
                return false;
        }
    }

    /// <summary>The document as JSON text (decoded when it was recorded URL-encoded); empty for <see cref="Empty"/>.</summary>
    public override string ToString() => Json?.GetRawText() ?? string.Empty;
}
