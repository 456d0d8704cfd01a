namespace DetectionKit.Tooling.Generation.World;

/// <summary>How an application runs, which decides how its role sessions look and who assumes its role.</summary>
internal enum Runtime
{
    EcsTask,
    Lambda,
    Ec2,
}

/// <summary>
/// A workload of one account and the resources it touches in normal operation: its role, the secrets
/// and parameters it reads at start-up, its buckets, table and key.
/// </summary>
internal sealed record Application(
    string Name,
    Runtime Runtime,
    string RoleName,
    string RoleId,
    string SdkUserAgent,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> Buckets,
    string? Table,
    KmsKey Key)
{
    /// <summary>Runs in the VPC's private subnets: ECS tasks and instances always, a Lambda function when it is attached to the VPC.</summary>
    public bool InVpc { get; init; } = Runtime != Runtime.Lambda;
}
