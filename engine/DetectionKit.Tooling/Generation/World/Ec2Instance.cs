namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// An instance of the account, with the role its instance profile carries. The web fleet sits in
/// private subnets behind the NAT gateway; a host in a public subnet has an Elastic IP and calls
/// AWS from it.
/// </summary>
internal sealed record Ec2Instance(string InstanceId, string PrivateIp, string AvailabilityZone, string VolumeId, string RoleName, string RoleId)
{
    /// <summary>What the host is for (<c>web</c> for the fleet).</summary>
    public string Name { get; init; } = "web";

    /// <summary>The Elastic IP of a host in a public subnet; null behind the NAT gateway.</summary>
    public string? ElasticIp { get; init; }

    /// <summary>The platform as Systems Manager reports it: <c>Linux</c>, <c>MacOS</c> or <c>Windows</c>.</summary>
    public string Platform { get; init; } = "Linux";

    public string InstanceType { get; init; } = "m6i.large";
}
