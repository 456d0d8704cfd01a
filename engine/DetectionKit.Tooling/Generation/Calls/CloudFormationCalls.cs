using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>AWS CloudFormation: deployments by change set, and the reads around them.</summary>
internal static class CloudFormationCalls
{
    public static string StackArn(CallContext c, string stack) =>
        $"arn:aws:cloudformation:{c.Region}:{c.Account.Id}:stack/{stack}/{StableIds(stack)}";

    public static ApiCall DescribeStacks(CallContext c, string? stack = null) =>
        ApiCall.Read("cloudformation", "DescribeStacks", stack is null ? [] : new() { ["stackName"] = stack });

    public static ApiCall DescribeStackEvents(CallContext c, string stack) => ApiCall.Read("cloudformation", "DescribeStackEvents", new() { ["stackName"] = stack });

    public static ApiCall DescribeStackResources(CallContext c, string stack) => ApiCall.Read("cloudformation", "DescribeStackResources", new() { ["stackName"] = stack });

    public static ApiCall ListStacks(CallContext c) => ApiCall.Read("cloudformation", "ListStacks", new()
    {
        ["stackStatusFilter"] = new JsonArray("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE"),
    });

    public static ApiCall GetTemplate(CallContext c, string stack) => ApiCall.Read("cloudformation", "GetTemplate", new() { ["stackName"] = stack, ["templateStage"] = "Original" });

    public static ApiCall CreateChangeSet(CallContext c, string stack, string changeSet, string templateBucket) => ApiCall.Write("cloudformation", "CreateChangeSet",
        new()
        {
            ["stackName"] = stack,
            ["templateURL"] = $"https://s3.{c.Region}.amazonaws.com/{templateBucket}/{stack}/{c.Random.Hex(32)}.template",
            ["capabilities"] = new JsonArray("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"),
            ["changeSetName"] = changeSet,
            ["changeSetType"] = "UPDATE",
            ["parameters"] = new JsonArray(new JsonObject { ["parameterKey"] = "ImageTag", ["parameterValue"] = changeSet[4..] }),
        },
        new()
        {
            ["id"] = $"arn:aws:cloudformation:{c.Region}:{c.Account.Id}:changeSet/{changeSet}/{c.Random.Uuid()}",
            ["stackId"] = StackArn(c, stack),
        });

    /// <summary>A stack created from a template URL, as a vendor's "launch stack" link or a pipeline creates one.</summary>
    public static ApiCall CreateStack(CallContext c, string stack, string templateUrl, JsonObject parameters) => ApiCall.Write("cloudformation", "CreateStack",
        new()
        {
            ["stackName"] = stack,
            ["templateURL"] = templateUrl,
            ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["parameterKey"] = p.Key, ["parameterValue"] = p.Value!.DeepClone() })]),
            ["capabilities"] = new JsonArray("CAPABILITY_NAMED_IAM"),
        },
        new() { ["stackId"] = StackArn(c, stack) });

    public static ApiCall DeleteStack(CallContext c, string stack) => ApiCall.Write("cloudformation", "DeleteStack", new() { ["stackName"] = stack });

    public static ApiCall DescribeChangeSet(CallContext c, string stack, string changeSet) =>
        ApiCall.Read("cloudformation", "DescribeChangeSet", new() { ["changeSetName"] = changeSet, ["stackName"] = stack });

    public static ApiCall ExecuteChangeSet(CallContext c, string stack, string changeSet) =>
        ApiCall.Write("cloudformation", "ExecuteChangeSet", new() { ["changeSetName"] = changeSet, ["stackName"] = stack });

    private static string StableIds(string stack) =>
        $"{Hash(stack, 1):x8}-{Hash(stack, 2) & 0xffff:x4}-11ef-{Hash(stack, 3) & 0xffff:x4}-{Hash(stack, 4):x8}{Hash(stack, 5) & 0xffff:x4}";

    private static uint Hash(string text, uint salt)
    {
        var hash = 2166136261u ^ salt;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash;
    }
}
