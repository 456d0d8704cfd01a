using DetectionKit.Tests.Shared;

namespace DetectionKit.Scripting.Tests;

public sealed class TellingSuccessFromFailure
{
    [Test]
    public void ACallWithoutAnErrorCodeSucceeded()
    {
        Assert.That(Some.Event(Some.Record()).IsSuccess, Is.True);
    }

    [Test]
    public void ACallWithAnErrorCodeFailed()
    {
        Assert.That(Some.Event(Some.Record(errorCode: "AccessDenied")).IsSuccess, Is.False);
    }

    [Test]
    public void ACallWithOnlyAnErrorMessageFailed()
    {
        var record = Some.Record();
        record["errorMessage"] = "Failed authentication";

        Assert.That(Some.Event(record).IsSuccess, Is.False);
    }

    [Test]
    public void AFailedConsoleLoginFailedAlthoughItHasNoErrorCode()
    {
        Assert.That(Some.Event(Some.ConsoleLogin("Failure")).IsSuccess, Is.False);
    }

    [Test]
    public void ASuccessfulConsoleLoginSucceeded()
    {
        Assert.That(Some.Event(Some.ConsoleLogin("Success")).IsSuccess, Is.True);
    }
}
