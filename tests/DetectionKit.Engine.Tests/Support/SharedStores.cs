using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DetectionKit.Engine.State;
using DetectionKit.Engine.State.DynamoDb;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// The state stores that processes can share, by name, for tests that hold for every one of them. The
/// DynamoDB store is a real client against the assembly's moto_server (<see cref="Moto.Server"/>), on one
/// table made once; tests keep apart by scopes of their own.
/// </summary>
internal static class SharedStores
{
    private static readonly Lazy<string> Table = new(() =>
    {
        var name = "state-" + Guid.NewGuid().ToString("N")[..8];
        using var client = Client();
        DynamoDbStateTable.CreateAsync(client, name).GetAwaiter().GetResult();
        return name;
    });

    public static IEnumerable<string> Names => ["sqlite", "dynamodb"];

    /// <summary>The table the DynamoDB stores share, created on first use.</summary>
    public static string DynamoDbTable => Table.Value;

    public static IAlertStateStore Open(string name) => name switch
    {
        "sqlite" => SqliteAlertStateStore.InMemory(),
        "dynamodb" => OpenDynamoDb(),
        _ => throw new ArgumentException($"no store named {name}", nameof(name)),
    };

    /// <summary>Another process's view of the same DynamoDB state: a client of its own on the shared table.</summary>
    public static DynamoDbAlertStateStore OpenDynamoDb() =>
        DynamoDbAlertStateStore.Open(Client(), Table.Value, ownsClient: true);

    /// <summary>A real DynamoDB client of moto_server, whose requests take turns with every other such client's (see <see cref="OneMotoRequestAtATime"/>).</summary>
    public static AmazonDynamoDBClient Client() =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig { ServiceURL = Moto.Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", HttpClientFactory = new OneMotoRequestAtATime() });

    /// <summary>A scope no other test uses: a shared store (DynamoDB on moto) keeps every test's items in one table.</summary>
    public static string NewScope() => "s-" + Guid.NewGuid().ToString("N")[..8];
}
