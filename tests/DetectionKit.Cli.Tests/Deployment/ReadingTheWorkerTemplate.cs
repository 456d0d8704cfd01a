using DetectionKit.Cli.Tests.Support;
using YamlDotNet.RepresentationModel;
using static DetectionKit.Cli.Tests.Deployment.WorkerTemplate;

namespace DetectionKit.Cli.Tests.Deployment;

/// <summary>
/// What the example deployment promises, read from the template itself: the state table has the shape the
/// DynamoDB state store uses, the roles grant what the worker calls and nothing wider, and the service runs
/// the worker with options the CLI has.
/// </summary>
public sealed class ReadingTheWorkerTemplate
{
    private static readonly WorkerTemplate Template = WorkerTemplate.Load();

    [Test]
    public void TheStateTableHasExactlyTheShapeOfTheDynamoDbStateStore()
    {
        var (name, _) = Template.OfType("AWS::DynamoDB::Table").Single();
        var table = Template.Properties(name);

        Assert.That(Text(table, "BillingMode"), Is.EqualTo("PAY_PER_REQUEST"));
        Assert.That(Sequence(table, "AttributeDefinitions").Select(a => (Text(a, "AttributeName"), Text(a, "AttributeType"))), Is.EquivalentTo(new[] { ("pk", "S"), ("sk", "S"), ("pendingScope", "S"), ("pendingOrder", "S") }));
        Assert.That(Keys(table), Is.EqualTo(new[] { ("pk", "HASH"), ("sk", "RANGE") }));
        var index = Sequence(table, "GlobalSecondaryIndexes").Single();
        Assert.That(Text(index, "IndexName"), Is.EqualTo("pending"));
        Assert.That(Keys(index), Is.EqualTo(new[] { ("pendingScope", "HASH"), ("pendingOrder", "RANGE") }));
        Assert.That(Text(Map(index, "Projection"), "ProjectionType"), Is.EqualTo("ALL"));
        var ttl = Map(table, "TimeToLiveSpecification");
        Assert.That((Text(ttl, "AttributeName"), Text(ttl, "Enabled")), Is.EqualTo(("expiresAt", "true")));
        Assert.That(table.Children.ContainsKey(new YamlScalarNode("LocalSecondaryIndexes")), Is.False);
    }

    [Test]
    public void TheNotificationQueueHasADeadLetterQueueAndTakesMessagesOnlyFromTheTrailBucket()
    {
        var redrive = Map(Template.Properties("NotificationQueue"), "RedrivePolicy");
        Assert.That(Written(Child(redrive, "deadLetterTargetArn")), Is.EqualTo("!GetAtt NotificationDeadLetterQueue.Arn"));
        Assert.That(int.Parse(Text(redrive, "maxReceiveCount"), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 10));

        var statement = Sequence(Map(Template.Properties("NotificationQueuePolicy"), "PolicyDocument"), "Statement").Single();
        Assert.That(Text(Map(statement, "Principal"), "Service"), Is.EqualTo("s3.amazonaws.com"));
        Assert.That(Text(statement, "Action"), Is.EqualTo("sqs:SendMessage"));
        var condition = Map(statement, "Condition");
        Assert.That(Written(Child(Map(condition, "ArnLike"), "aws:SourceArn")), Is.EqualTo("!Sub arn:${AWS::Partition}:s3:::${TrailBucketName}"));
        Assert.That(Map(condition, "StringEquals").Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "aws:SourceAccount" }));
    }

    [Test]
    public void TheTaskRoleGrantsWhatTheWorkerCallsOnItsOwnResourcesAndNothingMore()
    {
        var statements = Statements("WorkerTaskRole").ToList();

        Assert.That(statements.SelectMany(s => OneOrMany(s, "Action")).Select(Written).Distinct(), Is.EquivalentTo(new[]
        {
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes",
            "s3:GetObject", "kms:Decrypt",
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
            "dynamodb:BatchWriteItem", "dynamodb:DescribeTable",
            "sqs:SendMessage",
        }));
        Assert.That(ResourcesOf(statements, "s3:GetObject"), Is.EqualTo(new[] { "!Sub arn:${AWS::Partition}:s3:::${TrailBucketName}/${TrailKeyPrefix}AWSLogs/*" }));
        Assert.That(ResourcesOf(statements, "sqs:ReceiveMessage"), Is.EqualTo(new[] { "!GetAtt NotificationQueue.Arn" }));
        Assert.That(ResourcesOf(statements, "sqs:SendMessage"), Is.EqualTo(new[] { "!GetAtt AlertsQueue.Arn" }));
        Assert.That(ResourcesOf(statements, "kms:Decrypt"), Is.EqualTo(new[] { "!Ref TrailKmsKeyArn" }));
        Assert.That(ResourcesOf(statements, "dynamodb:PutItem"), Is.EqualTo(new[] { "!GetAtt StateTable.Arn" }));
        Assert.That(ResourcesOf(statements, "dynamodb:Query"), Is.EquivalentTo(new[] { "!GetAtt StateTable.Arn", "!Sub ${StateTable.Arn}/index/pending" }));
    }

    [Test]
    public void NoPolicyGrantsEveryActionAndOnlyTheRegistryLoginIsOnEveryResource()
    {
        var statements = Template.OfType("AWS::IAM::Role").SelectMany(r => Statements(r.Name)).ToList();

        Assert.That(statements.SelectMany(s => OneOrMany(s, "Action")).Select(Written).Where(a => a.Contains('*')), Is.Empty);
        var onEverything = statements.Where(s => OneOrMany(s, "Resource").Select(Written).Contains("*"));
        Assert.That(onEverything.SelectMany(s => OneOrMany(s, "Action")).Select(Written), Is.EqualTo(new[] { "ecr:GetAuthorizationToken" }), "AWS requires Resource \"*\" for ecr:GetAuthorizationToken only");
    }

    [Test]
    public void TheServiceRunsTheWorkerOnTheQueueWithTheSharedStateAndOptionsTheWorkerHas()
    {
        var container = Sequence(Template.Properties("WorkerTaskDefinition"), "ContainerDefinitions").Single();
        var command = AllBranches(Sequence(container, "Command")).Select(Written).ToList();

        Assert.That(command[0], Is.EqualTo("worker"));
        Assert.That(command.SkipWhile(a => a != "--queue").Skip(1).First(), Is.EqualTo("!Ref NotificationQueue"));
        Assert.That(command.SkipWhile(a => a != "--state").Skip(1).First(), Is.EqualTo("!Sub dynamodb://${StateTable}"));
        Assert.That(command.SkipWhile(a => a != "--alerts-queue").Skip(1).First(), Is.EqualTo("!Ref AlertsQueue"));

        var help = Shell.Run("worker", "--help");
        Assert.That(command.Where(a => a.StartsWith("--", StringComparison.Ordinal)), Has.All.Matches<string>(option => help.Out.Contains(option + " ", StringComparison.Ordinal)), help.Out);
    }

    private static IEnumerable<(string, string)> Keys(YamlNode node) =>
        Sequence(node, "KeySchema").Select(k => (Text(k, "AttributeName"), Text(k, "KeyType")));

    private static IEnumerable<YamlNode> Statements(string role) =>
        Sequence(Template.Properties(role), "Policies").SelectMany(p => AllBranches(Sequence(Map(p, "PolicyDocument"), "Statement")));

    private static IEnumerable<string> ResourcesOf(IEnumerable<YamlNode> statements, string action) =>
        statements.Where(s => OneOrMany(s, "Action").Select(Written).Contains(action)).SelectMany(s => OneOrMany(s, "Resource")).Select(Written);
}
