namespace DetectionKit.Scripting.Tests;

public sealed class ParsingArns
{
    [Test]
    public void AnArnIsSplitIntoItsParts()
    {
        Assert.That(Arn.TryParse("arn:aws:iam::111122223333:user/division/alice", out var arn), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(arn!.Partition, Is.EqualTo("aws"));
            Assert.That(arn.Service, Is.EqualTo("iam"));
            Assert.That(arn.Region, Is.Empty);
            Assert.That(arn.Account, Is.EqualTo("111122223333"));
            Assert.That(arn.Resource, Is.EqualTo("user/division/alice"));
            Assert.That(arn.ResourceType, Is.EqualTo("user"));
            Assert.That(arn.ResourceId, Is.EqualTo("division/alice"));
            Assert.That(arn.ResourceName, Is.EqualTo("alice"));
            Assert.That(arn.ToString(), Is.EqualTo("arn:aws:iam::111122223333:user/division/alice"));
        });
    }

    [Test]
    public void AColonSeparatedResourceKeepsEverythingAfterTheTypeInItsId()
    {
        var arn = Arn.Parse("arn:aws-cn:lambda:cn-north-1:111122223333:function:my-fn:prod")!;

        Assert.That((arn.Partition, arn.Region, arn.ResourceType, arn.ResourceId), Is.EqualTo(("aws-cn", "cn-north-1", "function", "my-fn:prod")));
    }

    [Test]
    public void AnS3ResourceHasNoTypeSoABucketAndKeyStayTogether()
    {
        var arn = Arn.Parse("arn:aws:s3:::my-bucket/logs/2024/01.json")!;

        Assert.That((arn.Account, arn.ResourceType, arn.ResourceId), Is.EqualTo(("", "", "my-bucket/logs/2024/01.json")));
    }

    [TestCase("arn:aws:iam::111122223333:root", "root")]
    [TestCase("arn:aws:iam::111122223333:user/alice", "alice")]
    [TestCase("arn:aws:iam::111122223333:role/service-role/deployer", "deployer")]
    [TestCase("arn:aws:sts::111122223333:assumed-role/Admin/jane@example.com", "Admin/jane@example.com")]
    [TestCase("arn:aws:sts::111122223333:federated-user/bob", "bob")]
    [TestCase("arn:aws:kms:us-east-1:111122223333:key/1234abcd", "1234abcd")]
    public void APrincipalIsNamedTheWayActorNamesAre(string text, string name)
    {
        Assert.That(Arn.Parse(text)!.PrincipalName, Is.EqualTo(name));
    }

    [Test]
    public void AnAwsManagedPolicyIsRecognised()
    {
        Assert.That(Arn.Parse("arn:aws:iam::aws:policy/AdministratorAccess")!.IsAwsManagedPolicy, Is.True);
        Assert.That(Arn.Parse("arn:aws:iam::111122223333:policy/AdministratorAccess")!.IsAwsManagedPolicy, Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("alice")]
    [TestCase("arn:aws:iam::111122223333")]
    [TestCase("arn::iam::111122223333:user/alice")]
    [TestCase("arn:aws:iam::111122223333:")]
    [TestCase("ARN:aws:iam::111122223333:user/alice")]
    public void WhatIsNotAnArnDoesNotParse(string? text)
    {
        Assert.That(Arn.TryParse(text, out var arn), Is.False);
        Assert.That(arn, Is.Null);
        Assert.That(Arn.Parse(text), Is.Null);
    }
}
