using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon EC2 Auto Scaling.</summary>
internal static class AutoScalingCalls
{
    public static ApiCall DescribeAutoScalingGroups(CallContext c) =>
        ApiCall.Read("autoscaling", "DescribeAutoScalingGroups", new() { ["autoScalingGroupNames"] = new System.Text.Json.Nodes.JsonArray(c.Account.AutoScalingGroup) });

    public static ApiCall DescribeScalingActivities(CallContext c) =>
        ApiCall.Read("autoscaling", "DescribeScalingActivities", new() { ["autoScalingGroupName"] = c.Account.AutoScalingGroup, ["maxRecords"] = 20 });

    public static ApiCall DescribePolicies(CallContext c) => ApiCall.Read("autoscaling", "DescribePolicies", new() { ["autoScalingGroupName"] = c.Account.AutoScalingGroup });

    public static ApiCall DescribeLifecycleHooks(CallContext c) => ApiCall.Read("autoscaling", "DescribeLifecycleHooks", new() { ["autoScalingGroupName"] = c.Account.AutoScalingGroup });

    public static ApiCall SetDesiredCapacity(CallContext c, int capacity) =>
        ApiCall.Write("autoscaling", "SetDesiredCapacity", new() { ["autoScalingGroupName"] = c.Account.AutoScalingGroup, ["desiredCapacity"] = capacity, ["honorCooldown"] = false });

    public static ApiCall CompleteLifecycleAction(CallContext c, string instanceId) => ApiCall.Write("autoscaling", "CompleteLifecycleAction", new()
    {
        ["lifecycleHookName"] = "drain-connections",
        ["autoScalingGroupName"] = c.Account.AutoScalingGroup,
        ["lifecycleActionResult"] = "CONTINUE",
        ["instanceId"] = instanceId,
    });
}
