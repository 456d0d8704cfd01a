using System.Text.Json.Nodes;
using DetectionKit.Engine.Generation.World;

namespace DetectionKit.Engine.Generation.Calls;

/// <summary>AWS Systems Manager: the agent's heartbeat, parameters read at start-up, inventory reads.</summary>
internal static class SsmCalls
{
    /// <summary>The SSM agent's heartbeat, every few minutes from every managed instance.</summary>
    public static ApiCall UpdateInstanceInformation(CallContext c, Ec2Instance instance)
    {
        var (name, version, computer) = instance.Platform switch
        {
            "MacOS" => ("macOS", "13.6.7", $"ip-{instance.PrivateIp.Replace('.', '-')}.{Domain(c)}"),
            "Windows" => ("Microsoft Windows Server 2022 Datacenter", "10.0.20348", "EC2AMAZ-" + StableIds.Hex(instance.InstanceId, 7, 0).ToUpperInvariant()),
            _ => ("Amazon Linux", "2023", $"ip-{instance.PrivateIp.Replace('.', '-')}.{Domain(c)}"),
        };
        return ApiCall.Write("ssm", "UpdateInstanceInformation", new()
        {
            ["instanceId"] = instance.InstanceId,
            ["agentVersion"] = "3.3.551.0",
            ["agentStatus"] = "Active",
            ["platformType"] = instance.Platform,
            ["platformName"] = name,
            ["platformVersion"] = version,
            ["iPAddress"] = instance.PrivateIp,
            ["computerName"] = computer,
            ["agentName"] = "amazon-ssm-agent",
            ["availabilityZone"] = instance.AvailabilityZone,
        });
    }

    // us-east-1 instances resolve as ec2.internal, the other regions as <region>.compute.internal.
    private static string Domain(CallContext c) => c.Region == "us-east-1" ? "ec2.internal" : $"{c.Region}.compute.internal";

    public static ApiCall ListInstanceAssociations(CallContext c, Ec2Instance instance) =>
        ApiCall.Read("ssm", "ListInstanceAssociations", new() { ["instanceId"] = instance.InstanceId, ["maxResults"] = 50 });

    public static ApiCall GetParameter(CallContext c, string name, bool withDecryption) =>
        ApiCall.Read("ssm", "GetParameter", new() { ["name"] = name, ["withDecryption"] = withDecryption });

    public static ApiCall GetParameters(CallContext c, IReadOnlyList<string> names) =>
        ApiCall.Read("ssm", "GetParameters", new() { ["names"] = new JsonArray([.. names.Select(n => (JsonNode)n)]), ["withDecryption"] = true });

    public static ApiCall DescribeParameters(CallContext c) => ApiCall.Read("ssm", "DescribeParameters", new() { ["maxResults"] = 50 });

    public static ApiCall DescribeInstanceInformation(CallContext c) => ApiCall.Read("ssm", "DescribeInstanceInformation", new() { ["maxResults"] = 50 });

    public static ApiCall ListTagsForResource(CallContext c, string name) =>
        ApiCall.Read("ssm", "ListTagsForResource", new() { ["resourceType"] = "Parameter", ["resourceId"] = name });

    /// <summary>A plain String parameter updated by an operator; SSM never logs the value.</summary>
    public static ApiCall PutParameter(CallContext c, string name, int version) => ApiCall.Write("ssm", "PutParameter",
        new() { ["name"] = name, ["type"] = "String", ["value"] = "HIDDEN_DUE_TO_SECURITY_REASONS", ["overwrite"] = true, ["tier"] = "Standard" },
        new() { ["version"] = version, ["tier"] = "Standard" });
}
