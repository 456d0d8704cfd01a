using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Elastic Load Balancing v2, which records its API version in every event.</summary>
internal static class ElbCalls
{
    private const string ApiVersion = "2015-12-01";

    public static ApiCall DescribeLoadBalancers(CallContext c) => Read("DescribeLoadBalancers", []);

    public static ApiCall DescribeTargetGroups(CallContext c) => Read("DescribeTargetGroups", new() { ["loadBalancerArn"] = c.Account.LoadBalancerArn });

    public static ApiCall DescribeTargetHealth(CallContext c) => Read("DescribeTargetHealth", new() { ["targetGroupArn"] = c.Account.TargetGroupArn });

    public static ApiCall DescribeListeners(CallContext c) => Read("DescribeListeners", new() { ["loadBalancerArn"] = c.Account.LoadBalancerArn });

    public static ApiCall DescribeLoadBalancerAttributes(CallContext c) => Read("DescribeLoadBalancerAttributes", new() { ["loadBalancerArn"] = c.Account.LoadBalancerArn });

    public static ApiCall DescribeTags(CallContext c) => Read("DescribeTags", new() { ["resourceArns"] = new JsonArray(c.Account.LoadBalancerArn) });

    public static ApiCall RegisterTargets(CallContext c, string targetId, int port) => Write("RegisterTargets", new()
    {
        ["targetGroupArn"] = c.Account.TargetGroupArn,
        ["targets"] = new JsonArray(new JsonObject { ["id"] = targetId, ["port"] = port }),
    });

    public static ApiCall DeregisterTargets(CallContext c, string targetId, int port) => Write("DeregisterTargets", new()
    {
        ["targetGroupArn"] = c.Account.TargetGroupArn,
        ["targets"] = new JsonArray(new JsonObject { ["id"] = targetId, ["port"] = port }),
    });

    private static ApiCall Read(string name, JsonObject request) =>
        new("elasticloadbalancing.amazonaws.com", name, true) { Request = request, ApiVersion = ApiVersion };

    private static ApiCall Write(string name, JsonObject request) =>
        new("elasticloadbalancing.amazonaws.com", name, false) { Request = request, ApiVersion = ApiVersion };
}
