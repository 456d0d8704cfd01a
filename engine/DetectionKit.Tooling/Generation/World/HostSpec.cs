namespace DetectionKit.Tooling.Generation.World;

/// <summary>A standalone instance an account runs besides its web fleet: its name, role, platform and, in a public subnet, its Elastic IP.</summary>
internal sealed record HostSpec(string Name, string RoleName, string Platform, string InstanceType, string? ElasticIp);
