using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Calls;

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

    /// <summary>
    /// A Run Command invocation: the document and its targets are recorded, the parameters (the
    /// commands) are not.
    /// </summary>
    public static ApiCall SendCommand(CallContext c, string document, IReadOnlyList<string> instanceIds, string comment)
    {
        JsonArray Ids() => new([.. instanceIds.Select(i => (JsonNode)i)]);
        return ApiCall.Write("ssm", "SendCommand",
            new() { ["instanceIds"] = Ids(), ["documentName"] = document, ["comment"] = comment, ["parameters"] = "HIDDEN_DUE_TO_SECURITY_REASONS", ["interactive"] = false },
            new()
            {
                ["command"] = new JsonObject
                {
                    ["commandId"] = c.Random.Uuid(),
                    ["documentName"] = document,
                    ["documentVersion"] = "$DEFAULT",
                    ["comment"] = comment,
                    ["expiresAfter"] = Timestamps.Java(c.Time.AddHours(2)),
                    ["parameters"] = "HIDDEN_DUE_TO_SECURITY_REASONS",
                    ["instanceIds"] = Ids(),
                    ["targets"] = new JsonArray(),
                    ["requestedDateTime"] = Timestamps.Java(c.Time),
                    ["status"] = "Pending",
                    ["statusDetails"] = "Pending",
                    ["outputS3Region"] = c.Region,
                    ["outputS3BucketName"] = string.Empty,
                    ["outputS3KeyPrefix"] = string.Empty,
                    ["maxConcurrency"] = "50",
                    ["maxErrors"] = "0",
                    ["targetCount"] = instanceIds.Count,
                    ["completedCount"] = 0,
                    ["errorCount"] = 0,
                    ["deliveryTimedOutCount"] = 0,
                    ["serviceRole"] = string.Empty,
                    ["notificationConfig"] = new JsonObject { ["notificationArn"] = string.Empty, ["notificationEvents"] = new JsonArray(), ["notificationType"] = string.Empty },
                    ["cloudWatchOutputConfig"] = new JsonObject { ["cloudWatchLogGroupName"] = string.Empty, ["cloudWatchOutputEnabled"] = false },
                    ["timeoutSeconds"] = 3600,
                    ["alarmConfiguration"] = new JsonObject { ["ignorePollAlarmFailure"] = false, ["alarms"] = new JsonArray() },
                    ["triggeredAlarms"] = new JsonArray(),
                    ["interactive"] = false,
                },
            });
    }

    /// <summary>A Session Manager shell on an instance: the session id starts with the caller's session name.</summary>
    public static ApiCall StartSession(CallContext c, string instanceId, string sessionName)
    {
        var sessionId = $"{sessionName}-{c.Random.Hex(17)}";
        return ApiCall.Write("ssm", "StartSession", new() { ["target"] = instanceId }, new()
        {
            ["sessionId"] = sessionId,
            ["tokenValue"] = "Value hidden due to security reasons.",
            ["streamUrl"] = $"wss://ssmmessages.{c.Region}.amazonaws.com/v1/data-channel/{sessionId}?role=publish_subscribe&cell-number={c.Random.UpperAlphanumeric(40)}",
        });
    }

    /// <summary>A plain String parameter updated by an operator; SSM never logs the value.</summary>
    public static ApiCall PutParameter(CallContext c, string name, int version) => ApiCall.Write("ssm", "PutParameter",
        new() { ["name"] = name, ["type"] = "String", ["value"] = "HIDDEN_DUE_TO_SECURITY_REASONS", ["overwrite"] = true, ["tier"] = "Standard" },
        new() { ["version"] = version, ["tier"] = "Standard" });
}
