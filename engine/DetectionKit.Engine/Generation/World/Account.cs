namespace DetectionKit.Engine.Generation.World;

/// <summary>One AWS account of the organisation and the resources its everyday traffic touches.</summary>
internal sealed class Account
{
    public required string Id { get; init; }

    /// <summary><c>prod</c>, <c>staging</c>, <c>dev</c> or <c>security</c>.</summary>
    public required string Environment { get; init; }

    public required long Seed { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    public string PrimaryRegion => Regions[0];

    public required string VpcId { get; init; }

    public required IReadOnlyList<string> Subnets { get; init; }

    public required IReadOnlyList<string> SecurityGroups { get; init; }

    /// <summary>The first two octets of the VPC's 10.x.0.0/16.</summary>
    public required string PrivateNetwork { get; init; }

    /// <summary>The public address the VPC's NAT gateway sends traffic from.</summary>
    public required string NatIp { get; init; }

    /// <summary>The interface endpoint private traffic to AWS APIs goes through.</summary>
    public required string VpcEndpointId { get; init; }

    public required IReadOnlyList<Ec2Instance> Instances { get; init; }

    public required IReadOnlyList<Application> Applications { get; init; }

    public required IReadOnlyList<KmsKey> Keys { get; init; }

    public required IReadOnlyList<string> Buckets { get; init; }

    public required IReadOnlyList<string> Stacks { get; init; }

    public required IReadOnlyList<string> Repositories { get; init; }

    public required IReadOnlyList<IamUser> IamUsers { get; init; }

    public required IReadOnlyList<string> DbInstances { get; init; }

    public required string GuardDutyDetectorId { get; init; }

    public required string ImageId { get; init; }

    public required string LaunchTemplateId { get; init; }

    public required string LoadBalancerId { get; init; }

    public required string TargetGroupId { get; init; }

    public string Cluster => $"acme-{Environment}";

    public string AutoScalingGroup => $"web-fleet-{Environment}";

    public string LoadBalancerArn => $"arn:aws:elasticloadbalancing:{PrimaryRegion}:{Id}:loadbalancer/app/web-{Environment}/{LoadBalancerId}";

    public string TargetGroupArn => $"arn:aws:elasticloadbalancing:{PrimaryRegion}:{Id}:targetgroup/web-{Environment}/{TargetGroupId}";

    public string DbCluster => $"orders-{Environment}";

    /// <summary>An address in one of the VPC's three private subnets.</summary>
    public string PrivateIp(SeededRandom random) => $"{PrivateNetwork}.{random.Between(1, 3)}.{random.Between(10, 250)}";

    public string RoleId(string roleName) => StableIds.Iam("AROA", $"{Id}/{roleName}", Seed);

    public string RoleArn(string roleName, string path = "/") => $"arn:aws:iam::{Id}:role{path}{roleName}";

    /// <summary>The role IAM Identity Center provisions for a permission set in this account.</summary>
    public string SsoRoleName(string permissionSet) => $"AWSReservedSSO_{permissionSet}_{StableIds.Hex($"{Id}/{permissionSet}", 16, Seed)}";

    public const string SsoRolePath = "/aws-reserved/sso.amazonaws.com/";

    public const string ServiceRolePath = "/aws-service-role/";
}
