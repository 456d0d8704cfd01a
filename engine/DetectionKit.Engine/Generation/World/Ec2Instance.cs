namespace DetectionKit.Engine.Generation.World;

/// <summary>An instance of the account's fleet, with the role its instance profile carries.</summary>
internal sealed record Ec2Instance(string InstanceId, string PrivateIp, string AvailabilityZone, string VolumeId, string RoleName, string RoleId);
