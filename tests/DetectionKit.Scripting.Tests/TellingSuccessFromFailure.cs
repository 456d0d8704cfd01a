using System.Text.Json.Nodes;
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

    [TestCase("PasswordUpdated")]
    [TestCase("PasswordRecoveryCompleted")]
    [TestCase("SwitchRole")]
    public void AFailedSignInEventFailedAlthoughItHasNoErrorCode(string eventName)
    {
        Assert.That(Some.Event(SignInEvent(eventName, "Failure")).IsSuccess, Is.False);
    }

    [Test]
    public void ASuccessfulPasswordChangeSucceeded()
    {
        Assert.That(Some.Event(SignInEvent("PasswordUpdated", "Success")).IsSuccess, Is.True);
    }

    [Test]
    public void AnApiCallIsNotReadAsASignInByItsResponseElements()
    {
        var record = Some.Record("UpdateTrail");
        record["responseElements"] = new JsonObject { ["UpdateTrail"] = "Failure" };

        Assert.That(Some.Event(record).IsSuccess, Is.True);
    }

    // A sign-in event other than ConsoleLogin, as signin.amazonaws.com records it: the outcome under
    // responseElements, keyed by the event's name.
    private static JsonObject SignInEvent(string eventName, string outcome)
    {
        var record = Some.Record(eventName, "signin.amazonaws.com");
        record["eventType"] = "AwsConsoleSignIn";
        record["requestParameters"] = null;
        record["responseElements"] = new JsonObject { [eventName] = outcome };
        return record;
    }
}
