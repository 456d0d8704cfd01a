using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.State;
using DetectionKit.Engine.State.DynamoDb;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.State.DynamoDb;

/// <summary>A DynamoDB state is opened only on a table of its shape, which init creates (against moto_server).</summary>
public sealed class OpeningADynamoDbState
{
    [Test]
    public void AMissingTableIsReportedWithTheCommandThatCreatesIt()
    {
        using var client = SharedStores.Client();

        var error = Assert.Throws<StateStoreException>(() => DynamoDbAlertStateStore.Open(client, "no-such-table"));

        Assert.That(error!.Code, Is.EqualTo("DK6020"));
        Assert.That(error.Message, Does.Contain("detectionkit init --state dynamodb://no-such-table"));
    }

    [Test]
    public async Task ATableOfAnotherShapeIsRefusedSayingWhatDiffers()
    {
        using var client = SharedStores.Client();
        var name = "other-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
        });

        var open = Assert.Throws<StateStoreException>(() => DynamoDbAlertStateStore.Open(client, name));
        var init = Assert.ThrowsAsync<StateStoreException>(() => DynamoDbStateTable.CreateAsync(client, name));

        Assert.That(open!.Code, Is.EqualTo("DK6021"));
        Assert.That(open.Message, Does.Contain("its key is id (S, HASH), not pk (S, HASH), sk (S, RANGE)").And.Contain("no global secondary index named pending"));
        Assert.That(init!.Code, Is.EqualTo("DK6021"));
    }

    [Test]
    public async Task InitCreatesTheTableWithItsIndexAndTimeToLiveAndFindsItThereTheSecondTime()
    {
        using var client = SharedStores.Client();
        var name = "init-" + Guid.NewGuid().ToString("N")[..8];

        var created = await DynamoDbStateTable.CreateAsync(client, name);
        var again = await DynamoDbStateTable.CreateAsync(client, name);

        var table = (await client.DescribeTableAsync(name)).Table;
        var ttl = (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = name })).TimeToLiveDescription;
        Assert.That((created, again), Is.EqualTo((DynamoDbStateTable.Outcome.Created, DynamoDbStateTable.Outcome.AlreadyThere)));
        Assert.That(DynamoDbStateTable.Problems(table), Is.Empty);
        Assert.That(table.BillingModeSummary?.BillingMode?.Value, Is.EqualTo("PAY_PER_REQUEST"));
        Assert.That((ttl.AttributeName, ttl.TimeToLiveStatus?.Value), Is.EqualTo(("expiresAt", "ENABLED")));
        Assert.DoesNotThrow(() => DynamoDbAlertStateStore.Open(client, name).Dispose());
    }
}
