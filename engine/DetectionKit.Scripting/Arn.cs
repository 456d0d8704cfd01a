using System.Diagnostics.CodeAnalysis;

namespace DetectionKit.Scripting;

/// <summary>
/// An Amazon Resource Name, <c>arn:partition:service:region:account:resource</c>, split into its parts.
/// The resource is further split at its first <c>/</c> or <c>:</c> into a type and an id
/// (<c>user/alice</c>, <c>function:my-fn:prod</c>); S3 resources have no type (<c>bucket/key</c>).
/// </summary>
/// <remarks>
/// Parts are never null: a part the ARN leaves empty is the empty string. Two ARNs are equal
/// (<c>==</c>, <c>Equals</c>) when their text is, compared case-sensitively.
/// </remarks>
public sealed record Arn
{
    private Arn(string text, string partition, string service, string region, string account, string resource)
    {
        Text = text;
        Partition = partition;
        Service = service;
        Region = region;
        Account = account;
        Resource = resource;
        var split = service == "s3" ? -1 : resource.IndexOfAny(['/', ':']);
        ResourceType = split < 0 ? string.Empty : resource[..split];
        ResourceId = split < 0 ? resource : resource[(split + 1)..];
    }

    /// <summary>The ARN as written.</summary>
    public string Text { get; }

    /// <summary><c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...</summary>
    public string Partition { get; }

    /// <summary><c>iam</c>, <c>sts</c>, <c>s3</c>, <c>lambda</c>, ...</summary>
    public string Service { get; }

    /// <summary>Empty for global resources (IAM, S3 buckets).</summary>
    public string Region { get; }

    /// <summary>The 12-digit account id; <c>aws</c> for AWS managed policies; empty for S3 buckets.</summary>
    public string Account { get; }

    /// <summary>Everything after the account: <c>user/path/alice</c>, <c>assumed-role/Admin/jane</c>.</summary>
    public string Resource { get; }

    /// <summary><c>user</c>, <c>role</c>, <c>assumed-role</c>, <c>policy</c>, <c>function</c>, ...; empty when the resource has none.</summary>
    public string ResourceType { get; }

    /// <summary>The resource after its type: <c>path/alice</c>, <c>Admin/jane</c>; the whole resource when it has no type.</summary>
    public string ResourceId { get; }

    /// <summary>The last <c>/</c>-separated part of the resource id: a user, role or policy name without its path.</summary>
    public string ResourceName => ResourceId[(ResourceId.LastIndexOf('/') + 1)..];

    /// <summary>
    /// A short name for an IAM or STS principal, in the style of <see cref="CloudTrailEvent.ActorName"/>:
    /// <c>root</c>, the user or role name, <c>role/session</c> for an assumed role, the federated user;
    /// the resource id for anything else.
    /// </summary>
    public string PrincipalName =>
        Resource == "root" ? "root"
        : ResourceType is "user" or "role" or "group" or "federated-user" ? ResourceName
        : ResourceId;

    /// <summary>The ARN of an AWS managed policy, <c>arn:aws:iam::aws:policy/...</c>.</summary>
    public bool IsAwsManagedPolicy => Service == "iam" && Account == "aws" && ResourceType == "policy";

    /// <summary>Parses an ARN as <see cref="Parse"/> does: <c>if (Arn.TryParse(e.UserIdentity.Arn, out var arn)) ...</c>.</summary>
    /// <param name="text">The text to read; may be null.</param>
    /// <param name="arn">The ARN; null when the method returns false.</param>
    /// <returns>False for null and for anything that is not an ARN.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Arn? arn)
    {
        arn = Parse(text);
        return arn is not null;
    }

    /// <summary>
    /// The parsed ARN, or null when <paramref name="text"/> is not one: it must start with <c>arn:</c>
    /// and have six <c>:</c>-separated parts with a partition, a service and a resource (the resource may
    /// itself contain <c>:</c>); region and account may be empty.
    /// </summary>
    /// <param name="text">The text to read; may be null.</param>
    public static Arn? Parse(string? text)
    {
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Split(':', 6);
        return parts.Length == 6 && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0
            ? new Arn(text, parts[1], parts[2], parts[3], parts[4], parts[5])
            : null;
    }

    /// <summary>The ARN as written (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
}
