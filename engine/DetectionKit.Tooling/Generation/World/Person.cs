namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// An employee: signs in through IAM Identity Center with the given permission sets and, in some
/// accounts, also has a legacy IAM user with an MFA device.
/// </summary>
internal sealed record Person(
    string UserName,
    string Email,
    string IdentityStoreUserId,
    string HomeIp,
    string Browser,
    string CliUserAgent,
    IReadOnlyList<string> PermissionSets,
    bool HasIamUser);
