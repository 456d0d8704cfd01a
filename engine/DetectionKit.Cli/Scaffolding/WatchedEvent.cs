using DetectionKit.Tooling.Catalog;

namespace DetectionKit.Cli.Scaffolding;

/// <summary>
/// The CloudTrail event a scaffolded rule is written for (<c>--match iam:CreateUser</c>): its
/// <c>eventSource</c> and <c>eventName</c>, checked against the AWS API catalog so a typo is caught
/// before it becomes a rule that never fires.
/// </summary>
internal sealed record WatchedEvent(string EventSource, string EventName)
{
    /// <summary>What <c>new</c> writes without <c>--match</c>.</summary>
    public static WatchedEvent Default { get; } = new("iam.amazonaws.com", "CreateGroup");

    /// <summary>Whether this is the scaffold's own example event, whose cases carry a group name.</summary>
    public bool IsDefault => this == Default;

    /// <summary>
    /// Reads <c>SOURCE:NAME</c>, where SOURCE is the event source (<c>iam.amazonaws.com</c>) or its
    /// service name (<c>iam</c>); null with the reason (and the names the catalog suggests) otherwise.
    /// </summary>
    public static WatchedEvent? Parse(string text, ApiCatalog catalog, out string? problem)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"--match '{text}' is not SOURCE:NAME; write the service and the API call, e.g. --match iam:CreateUser";
            return null;
        }

        var source = text[..colon].Trim();
        var name = text[(colon + 1)..].Trim();
        source = source.Contains('.', StringComparison.Ordinal) ? source : source + ".amazonaws.com";
        if (!catalog.HasEventSource(source))
        {
            var suggestion = catalog.SuggestEventSource(text[..colon].Trim());
            problem = $"--match: '{source}' is not an AWS service in the API catalog{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}";
            return null;
        }

        if (!catalog.HasOperation(source, name))
        {
            var suggestion = catalog.SuggestOperation(name, [source]);
            problem = $"--match: '{name}' is not an operation of {source}{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}";
            return null;
        }

        problem = null;
        return new WatchedEvent(source, name);
    }

    public override string ToString() => $"{EventSource} {EventName}";
}
