namespace DetectionKit.Tooling.Generation.World;

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

    /// <summary>The public addresses of the VPC's NAT gateway: its primary address first, then any secondary ones.</summary>
    public required IReadOnlyList<string> NatIps { get; init; }

    /// <summary>The NAT gateway's primary public address.</summary>
    public string NatIp => NatIps[0];

    /// <summary>The VPC endpoint private traffic to AWS APIs goes through.</summary>
    public required string VpcEndpointId { get; init; }

    /// <summary>
    /// The services the VPC has endpoints for (gateway endpoints for S3 and DynamoDB, interface
    /// endpoints for the others); calls to any other service leave through the NAT gateway.
    /// </summary>
    public required IReadOnlySet<string> EndpointServices { get; init; }

    /// <summary>The web fleet, in the private subnets.</summary>
    public required IReadOnlyList<Ec2Instance> Instances { get; init; }

    /// <summary>Standalone instances outside the fleet, such as a public-subnet host with an Elastic IP.</summary>
    public required IReadOnlyList<Ec2Instance> Hosts { get; init; }

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

    /// <summary>How code at <paramref name="privateIp"/> in the VPC's private subnets reaches AWS APIs.</summary>
    public VpcEgress Egress(string privateIp) => new(privateIp, VpcEndpointId, EndpointServices, NatIps);

    public Ec2Instance Host(string name) => Hosts.Single(h => h.Name == name);

    public string RoleId(string roleName) => StableIds.Iam("AROA", $"{Id}/{roleName}", Seed);

    public string RoleArn(string roleName, string path = "/") => $"arn:aws:iam::{Id}:role{path}{roleName}";

    /// <summary>The role IAM Identity Center provisions for a permission set in this account.</summary>
    public string SsoRoleName(string permissionSet) => $"AWSReservedSSO_{permissionSet}_{StableIds.Hex($"{Id}/{permissionSet}", 16, Seed)}";

    public const string SsoRolePath = "/aws-reserved/sso.amazonaws.com/";

    public const string ServiceRolePath = "/aws-service-role/";
}
