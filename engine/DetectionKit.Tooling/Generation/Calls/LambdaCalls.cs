using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>AWS Lambda, whose CloudTrail event names carry the API version (<c>GetFunction20150331v2</c>).</summary>
internal static class LambdaCalls
{
    public static ApiCall ListFunctions(CallContext c) => ApiCall.Read("lambda", "ListFunctions20150331", new() { ["functionVersion"] = "ALL" });

    public static ApiCall GetFunction(CallContext c, string function) => ApiCall.Read("lambda", "GetFunction20150331v2", new() { ["functionName"] = function });

    public static ApiCall GetFunctionConfiguration(CallContext c, string function) =>
        ApiCall.Read("lambda", "GetFunctionConfiguration20150331v2", new() { ["functionName"] = function });

    public static ApiCall GetPolicy(CallContext c, string function) => ApiCall.Read("lambda", "GetPolicy20150331v2", new() { ["functionName"] = function });

    public static ApiCall ListVersionsByFunction(CallContext c, string function) =>
        ApiCall.Read("lambda", "ListVersionsByFunction20150331", new() { ["functionName"] = FunctionArn(c, function) });

    public static ApiCall ListEventSourceMappings(CallContext c, string function) =>
        ApiCall.Read("lambda", "ListEventSourceMappings20150331", new() { ["functionName"] = function });

    public static ApiCall GetAccountSettings(CallContext c) => ApiCall.Read("lambda", "GetAccountSettings20160819");

    /// <summary>A CI job shipping a new build of the function's own code.</summary>
    public static ApiCall UpdateFunctionCode(CallContext c, string function, string roleName) => ApiCall.Write("lambda", "UpdateFunctionCode20150331v2",
        new() { ["functionName"] = function, ["publish"] = false, ["dryRun"] = false, ["architectures"] = new JsonArray("arm64") },
        Configuration(c, function, roleName, "InProgress"));

    /// <summary>Memory or timeout changes, as CloudFormation applies them.</summary>
    public static ApiCall UpdateFunctionConfiguration(CallContext c, string function, string roleName) => ApiCall.Write("lambda", "UpdateFunctionConfiguration20150331v2",
        new() { ["functionName"] = function, ["memorySize"] = 512, ["timeout"] = 30 },
        Configuration(c, function, roleName, "InProgress"));

    public static ApiCall PublishVersion(CallContext c, string function, string roleName, int version)
    {
        var response = Configuration(c, function, roleName, "Successful");
        response["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response["functionArn"] = $"{FunctionArn(c, function)}:{version}";
        return ApiCall.Write("lambda", "PublishVersion20150331", new() { ["functionName"] = function }, response);
    }

    /// <summary>Lets an EventBridge rule of the same account invoke the function, scoped by source ARN.</summary>
    public static ApiCall AddPermission(CallContext c, string function) => ApiCall.Write("lambda", "AddPermission20150331v2",
        new()
        {
            ["functionName"] = function,
            ["statementId"] = $"{function}-schedule",
            ["action"] = "lambda:InvokeFunction",
            ["principal"] = "events.amazonaws.com",
            ["sourceArn"] = $"arn:aws:events:{c.Region}:{c.Account.Id}:rule/{function}-schedule",
        },
        new()
        {
            ["statement"] = $"{{\"Sid\":\"{function}-schedule\",\"Effect\":\"Allow\",\"Principal\":{{\"Service\":\"events.amazonaws.com\"}},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"{FunctionArn(c, function)}\",\"Condition\":{{\"ArnLike\":{{\"AWS:SourceArn\":\"arn:aws:events:{c.Region}:{c.Account.Id}:rule/{function}-schedule\"}}}}}}",
        });

    public static ApiCall DeleteFunction(CallContext c, string function) => ApiCall.Write("lambda", "DeleteFunction20150331", new() { ["functionName"] = function });

    public static string FunctionArn(CallContext c, string function) => $"arn:aws:lambda:{c.Region}:{c.Account.Id}:function:{function}";

    private static JsonObject Configuration(CallContext c, string function, string roleName, string updateStatus) => new()
    {
        ["functionName"] = function,
        ["functionArn"] = FunctionArn(c, function),
        ["runtime"] = "nodejs20.x",
        ["role"] = c.Account.RoleArn(roleName),
        ["handler"] = "index.handler",
        ["codeSize"] = c.Random.Between(200_000, 4_000_000),
        ["description"] = string.Empty,
        ["timeout"] = 30,
        ["memorySize"] = 512,
        ["lastModified"] = c.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", System.Globalization.CultureInfo.InvariantCulture),
        ["codeSha256"] = c.Random.UpperAlphanumeric(43) + "=",
        ["version"] = "$LATEST",
        ["tracingConfig"] = new JsonObject { ["mode"] = "PassThrough" },
        ["revisionId"] = c.Random.Uuid(),
        ["state"] = "Active",
        ["lastUpdateStatus"] = updateStatus,
        ["packageType"] = "Zip",
        ["architectures"] = new JsonArray("arm64"),
        ["ephemeralStorage"] = new JsonObject { ["size"] = 512 },
    };
}
