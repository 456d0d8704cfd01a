using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon DynamoDB control-plane calls (item reads and writes are data events this trail does not select).</summary>
internal static class DynamoDbCalls
{
    public static ApiCall ListTables(CallContext c) => ApiCall.Read("dynamodb", "ListTables", new() { ["limit"] = 100 });

    public static ApiCall DescribeTable(CallContext c, string table) => Table(c, "DescribeTable", table);

    public static ApiCall DescribeContinuousBackups(CallContext c, string table) => Table(c, "DescribeContinuousBackups", table);

    public static ApiCall DescribeTimeToLive(CallContext c, string table) => Table(c, "DescribeTimeToLive", table);

    public static ApiCall CreateBackup(CallContext c, string table) => new("dynamodb.amazonaws.com", "CreateBackup", false)
    {
        Request = new JsonObject { ["tableName"] = table, ["backupName"] = $"awsbackup_{c.Random.Uuid()}" },
        Response = new JsonObject
        {
            ["backupDetails"] = new JsonObject
            {
                ["backupArn"] = $"{TableArn(c, table)}/backup/0{c.Time.ToUnixTimeMilliseconds()}-{c.Random.Hex(8)}",
                ["backupName"] = $"awsbackup_{table}",
                ["backupStatus"] = "CREATING",
                ["backupType"] = "AWS_BACKUP",
                ["backupCreationDateTime"] = Timestamps.Java(c.Time),
            },
        },
        Resources = Resource(c, table),
    };

    private static ApiCall Table(CallContext c, string name, string table) =>
        new("dynamodb.amazonaws.com", name, true) { Request = new JsonObject { ["tableName"] = table }, Resources = Resource(c, table) };

    private static string TableArn(CallContext c, string table) => $"arn:aws:dynamodb:{c.Region}:{c.Account.Id}:table/{table}";

    private static JsonArray Resource(CallContext c, string table) =>
        new(new JsonObject { ["accountId"] = c.Account.Id, ["type"] = "AWS::DynamoDB::Table", ["ARN"] = TableArn(c, table) });
}
