namespace DetectionKit.Tooling.Generation.World;

/// <summary>An IAM user: a person's legacy console user (with an MFA device) or a service user with an access key.</summary>
internal sealed record IamUser(string Name, string UserId, string AccessKeyId, string? MfaSerial, Person? Owner);
