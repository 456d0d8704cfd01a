using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// The one table shape a DynamoDB state lives in, which <c>detectionkit init --state dynamodb://TABLE</c>
/// creates and every process checks when it opens the state: on-demand billing; key <c>pk</c> (S, hash)
/// and <c>sk</c> (S, range); one global secondary index <c>pending</c> on <c>pendingScope</c> (S, hash)
/// and <c>pendingOrder</c> (S, range) projecting all attributes, which only fired windows carry; and
/// time to live on <c>expiresAt</c>. The CloudFormation template builds the same table: change both or neither.
/// </summary>
public static class DynamoDbStateTable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string PendingIndex = "pending";
    public const string PendingScope = "pendingScope";
    public const string PendingOrder = "pendingOrder";
    public const string ExpiresAt = "expiresAt";

    /// <summary>What init did: created the table, or found it there already in the right shape.</summary>
    public enum Outcome
    {
        Created,
        AlreadyThere,
    }

    /// <summary>
    /// Creates the table, waits until it is active and turns on time to live; a table already there of the
    /// right shape is left as it is (its time to live turned on if it was off).
    /// </summary>
    /// <exception cref="StateStoreException">The table is there in another shape (DK6021), or a request failed (DK6022).</exception>
    public static async Task<Outcome> CreateAsync(IAmazonDynamoDB client, string table, TimeSpan? waitAtMost = null, CancellationToken cancel = default)
    {
        var outcome = Outcome.AlreadyThere;
        try
        {
            if (await DescribeAsync(client, table, cancel) is not { } existing)
            {
                await client.CreateTableAsync(Request(table), cancel);
                outcome = Outcome.Created;
            }
            else if (Problems(existing) is { Count: > 0 } problems)
            {
                throw WrongShape(table, problems);
            }

            var deadline = DateTime.UtcNow + (waitAtMost ?? TimeSpan.FromMinutes(5));
            while ((await DescribeAsync(client, table, cancel))?.TableStatus != TableStatus.ACTIVE)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new StateStoreException($"the DynamoDB table {table} did not become ACTIVE within {(waitAtMost ?? TimeSpan.FromMinutes(5)).TotalMinutes:0} minutes; run init again to go on waiting") { Code = DiagnosticCodes.StateTableFailed };
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            }

            var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table }, cancel);
            if (ttl.TimeToLiveDescription?.TimeToLiveStatus is not { } status || (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING))
            {
                await client.UpdateTimeToLiveAsync(
                    new UpdateTimeToLiveRequest { TableName = table, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAt, Enabled = true } },
                    cancel);
            }
            else if (ttl.TimeToLiveDescription.AttributeName != ExpiresAt)
            {
                throw WrongShape(table, [$"its time to live is on attribute {ttl.TimeToLiveDescription.AttributeName}, not {ExpiresAt}"]);
            }
        }
        catch (AmazonDynamoDBException ex)
        {
            throw Failed(table, "be created", ex, "run init again once the cause is fixed");
        }

        return outcome;
    }

    /// <summary>
    /// Checks that the table exists and has the state's shape, as a process opening the state does.
    /// </summary>
    /// <exception cref="StateStoreException">No such table (DK6020), another shape (DK6021), or the request failed (DK6022).</exception>
    public static async Task CheckAsync(IAmazonDynamoDB client, string table, CancellationToken cancel = default)
    {
        TableDescription? description;
        try
        {
            description = await DescribeAsync(client, table, cancel);
        }
        catch (AmazonDynamoDBException ex)
        {
            throw Failed(table, "be described", ex, "check the region (AWS_REGION), the credentials and the permission dynamodb:DescribeTable");
        }

        if (description is null)
        {
            throw Missing(table);
        }

        if (Problems(description) is { Count: > 0 } problems)
        {
            throw WrongShape(table, problems);
        }
    }

    /// <summary>What differs between the table and the state's shape; empty when it has the shape.</summary>
    public static IReadOnlyList<string> Problems(TableDescription table)
    {
        var problems = new List<string>();
        var types = (table.AttributeDefinitions ?? []).ToDictionary(a => a.AttributeName, a => a.AttributeType?.Value, StringComparer.Ordinal);
        string Describe(IEnumerable<KeySchemaElement>? keys) => string.Join(", ", (keys ?? []).Select(k => $"{k.AttributeName} ({(types.TryGetValue(k.AttributeName, out var t) ? t : "?")}, {k.KeyType?.Value})"));
        bool Has(IEnumerable<KeySchemaElement>? keys, string hash, string range) =>
            keys?.ToList() is [var h, var r]
            && ((h.AttributeName == hash && h.KeyType == KeyType.HASH && r.AttributeName == range && r.KeyType == KeyType.RANGE)
                || (r.AttributeName == hash && r.KeyType == KeyType.HASH && h.AttributeName == range && h.KeyType == KeyType.RANGE))
            && types.GetValueOrDefault(hash) == "S" && types.GetValueOrDefault(range) == "S";

        if (!Has(table.KeySchema, PartitionKey, SortKey))
        {
            problems.Add($"its key is {Describe(table.KeySchema)}, not {PartitionKey} (S, HASH), {SortKey} (S, RANGE)");
        }

        var index = table.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == PendingIndex);
        if (index is null)
        {
            problems.Add($"it has no global secondary index named {PendingIndex}");
        }
        else
        {
            if (!Has(index.KeySchema, PendingScope, PendingOrder))
            {
                problems.Add($"its index {PendingIndex} is keyed {Describe(index.KeySchema)}, not {PendingScope} (S, HASH), {PendingOrder} (S, RANGE)");
            }

            if (index.Projection?.ProjectionType != ProjectionType.ALL)
            {
                problems.Add($"its index {PendingIndex} projects {index.Projection?.ProjectionType?.Value ?? "nothing"}, not ALL");
            }
        }

        return problems;
    }

    /// <summary>The CreateTable request of the state's shape.</summary>
    public static CreateTableRequest Request(string table) => new()
    {
        TableName = table,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(PendingScope, ScalarAttributeType.S),
            new AttributeDefinition(PendingOrder, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = PendingIndex,
                KeySchema = [new KeySchemaElement(PendingScope, KeyType.HASH), new KeySchemaElement(PendingOrder, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    internal static StateStoreException Missing(string table) =>
        new($"the DynamoDB table {table} does not exist (in this account and region); create it with: detectionkit init --state {DynamoDbStateLocation.Scheme}{table}") { Code = DiagnosticCodes.StateTableMissing };

    /// <summary>A request that failed after the SDK's retries, naming the table, what failed and what follows.</summary>
    internal static StateStoreException Failed(string table, string what, Exception ex, string then) => ex switch
    {
        ResourceNotFoundException => Missing(table),
        _ => new StateStoreException($"the DynamoDB table {table} could not {what}: {ex.Message} ({ex.GetType().Name}); {then}", ex) { Code = DiagnosticCodes.StateTableFailed },
    };

    private static StateStoreException WrongShape(string table, IReadOnlyList<string> problems) =>
        new($"the DynamoDB table {table} is not a DetectionKit state table: {string.Join("; ", problems)}. Name another table (detectionkit init --state {DynamoDbStateLocation.Scheme}NEW-TABLE creates one), or see README, State in DynamoDB, for the shape") { Code = DiagnosticCodes.StateTableShape };

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string table, CancellationToken cancel)
    {
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancel)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
