using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon RDS: describe calls from consoles, monitoring and Terraform.</summary>
internal static class RdsCalls
{
    public static ApiCall DescribeDBInstances(CallContext c) => ApiCall.Read("rds", "DescribeDBInstances");

    public static ApiCall DescribeDBInstance(CallContext c, string instance) => ApiCall.Read("rds", "DescribeDBInstances", new() { ["dBInstanceIdentifier"] = instance });

    public static ApiCall DescribeDBClusters(CallContext c) => ApiCall.Read("rds", "DescribeDBClusters", new() { ["dBClusterIdentifier"] = c.Account.DbCluster });

    public static ApiCall DescribeDBClusterSnapshots(CallContext c) =>
        ApiCall.Read("rds", "DescribeDBClusterSnapshots", new() { ["dBClusterIdentifier"] = c.Account.DbCluster, ["snapshotType"] = "automated", ["includeShared"] = false, ["includePublic"] = false });

    public static ApiCall DescribeDBParameterGroups(CallContext c) => ApiCall.Read("rds", "DescribeDBParameterGroups");

    public static ApiCall DescribeEvents(CallContext c) =>
        ApiCall.Read("rds", "DescribeEvents", new() { ["sourceType"] = "db-cluster", ["duration"] = 1440 });

    public static ApiCall ListTagsForResource(CallContext c, string instance) =>
        ApiCall.Read("rds", "ListTagsForResource", new() { ["resourceName"] = $"arn:aws:rds:{c.Region}:{c.Account.Id}:db:{instance}" });
}
