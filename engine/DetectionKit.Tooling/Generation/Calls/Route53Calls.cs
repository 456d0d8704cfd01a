using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon Route 53, a global service logged in us-east-1: the records Terraform manages in the organisation's public zone.</summary>
internal static class Route53Calls
{
    public static ApiCall GetHostedZone(CallContext c, string zoneId) => Call("GetHostedZone", true, new() { ["id"] = zoneId }, null);

    public static ApiCall ListResourceRecordSets(CallContext c, string zoneId) => Call("ListResourceRecordSets", true, new() { ["hostedZoneId"] = zoneId, ["maxItems"] = "300" }, null);

    /// <summary>One record pointed at a new target.</summary>
    public static ApiCall ChangeResourceRecordSets(CallContext c, string zoneId, string name, string target) => Call("ChangeResourceRecordSets", false,
        new()
        {
            ["hostedZoneId"] = zoneId,
            ["changeBatch"] = new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["action"] = "UPSERT",
                    ["resourceRecordSet"] = new JsonObject
                    {
                        ["name"] = name,
                        ["type"] = "CNAME",
                        ["tTL"] = 300,
                        ["resourceRecords"] = new JsonArray(new JsonObject { ["value"] = target }),
                    },
                }),
            },
        },
        new() { ["changeInfo"] = new JsonObject { ["id"] = "/change/C0" + c.Random.UpperAlphanumeric(19), ["status"] = "PENDING", ["submittedAt"] = Timestamps.Java(c.Time) } });

    private static ApiCall Call(string name, bool readOnly, JsonObject request, JsonObject? response) =>
        new("route53.amazonaws.com", name, readOnly) { Request = request, Response = response, Region = "us-east-1", Host = "route53.amazonaws.com" };
}
