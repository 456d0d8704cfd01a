using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// A match an organisation has judged and does not want alerted, from its settings file: every field
/// given must hold (they are ANDed), and any suppression of a rule that holds suppresses the match.
/// A suppressed match is counted by rule and reason and never reaches the alert state.
/// </summary>
public sealed record RuleSuppression
{
    /// <summary>Why the match is not an alert, as counted and reported.</summary>
    public required string Reason { get; init; }

    /// <summary>A glob (<c>*</c>, <c>?</c>, case ignored) on the caller's ARN or, for an assumed role, its session issuer's ARN.</summary>
    public string? Principal { get; init; }

    /// <summary>The 12-digit account the event was recorded for (<c>recipientAccountId</c>).</summary>
    public string? Account { get; init; }

    /// <summary>A glob on the event's region (<c>awsRegion</c>).</summary>
    public string? Region { get; init; }

    /// <summary>A C# boolean expression over <c>e</c>, compiled into the rule's class with its script.</summary>
    public string? When { get; init; }

    /// <summary>Where the suppression is written (its list item).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Where the text of <see cref="When"/> starts, so its compiler messages point into the settings file.</summary>
    public SourceLocation? WhenLocation { get; init; }

    /// <summary>Whether the principal, account and region given hold for the event; <see cref="When"/> is the compiled code's to decide.</summary>
    public bool MatchesFields(CloudTrailEvent e) =>
        (Principal is null || Matches(Principal, e.UserIdentity.Arn) || Matches(Principal, e.UserIdentity.SessionIssuerArn))
        && (Account is null || string.Equals(Account, e.RecipientAccountId, StringComparison.Ordinal))
        && (Region is null || Matches(Region, e.AwsRegion));

    private static bool Matches(string glob, string? value) => value is not null && Wildcard.Matches(glob, value);
}
