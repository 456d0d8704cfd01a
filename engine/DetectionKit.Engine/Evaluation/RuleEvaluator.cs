using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// Runs one rule on one event: <c>Rule</c>, then on a match the rule's suppressions (the first that
/// holds ends it there), then <c>Title</c>, <c>Dedup</c>, <c>Severity</c> (unless the settings replace
/// it) and <c>AlertContext</c>. Every function runs with the rule's parameter values current, and is
/// isolated and metered: an exception,
/// an unusable result or a call stopped for running past its <see cref="EvaluationBudget"/> becomes
/// a <see cref="RuleError"/> for that rule and event, never a failure of the run.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>Longest title or dedup key kept; a longer one is an error and the default is used.</summary>
    public const int MaxTextLength = 2048;

    /// <summary>Largest alert context kept, as JSON text; a larger one is an error and the alert goes out without it.</summary>
    public const int MaxContextLength = 64 * 1024;

    private static readonly JsonSerializerOptions ContextOptions = new(JsonSerializerDefaults.General)
    {
        MaxDepth = 64,
    };

    /// <param name="rule">The rule.</param>
    /// <param name="e">The event.</param>
    /// <param name="budget">What each call may spend.</param>
    /// <param name="openWindows">
    /// The alert windows already open in what is being read: a match of one of them is a
    /// <see cref="RuleOutcome.Repeat"/>, for which only the dedup key is worked out. Null to describe every match in full.
    /// </param>
    public static RuleOutcome Evaluate(CompiledRule rule, CloudTrailEvent e, EvaluationBudget? budget = null, IOpenWindows? openWindows = null)
    {
        if (!rule.Definition.Match.Matches(e))
        {
            return RuleOutcome.NoMatch;
        }

        budget ??= EvaluationBudget.Default;
        List<RuleError>? errors = null;
        var (matched, failure) = MeteredCall.Run(budget, rule.Functions.Rule, e, rule.Parameters);
        if (failure is not null)
        {
            return new RuleOutcome(false, null, [Error(rule, "Rule", failure, e)]);
        }

        if (!matched)
        {
            return RuleOutcome.NoMatch;
        }

        if (SuppressionOf(rule, e, budget, ref errors) is { } suppression)
        {
            return new RuleOutcome(true, null, (IReadOnlyList<RuleError>?)errors ?? []) { SuppressedBy = suppression };
        }

        // The dedup key comes first: it names the window, and a match of a window already open only
        // counts (a threshold rule matches every event it counts), so its title, severity and context
        // would be thrown away. Without a Dedup function the title is the key.
        var definition = rule.Definition;
        var key = Text(rule, "Dedup", rule.Functions.Dedup, e, budget, ref errors);
        var title = key is null ? Text(rule, "Title", rule.Functions.Title, e, budget, ref errors) ?? definition.Title : null;
        key ??= title!;
        if (openWindows?.IsOpen(rule, key, e) == true)
        {
            return new RuleOutcome(true, new Detection(definition.Id, title ?? definition.Title, key, definition.Severity, null, e.EventId, e.EventTime), (IReadOnlyList<RuleError>?)errors ?? []) { Repeat = true };
        }

        title ??= Text(rule, "Title", rule.Functions.Title, e, budget, ref errors) ?? definition.Title;
        return Described(rule, e, budget, title, key, errors);
    }

    private static RuleOutcome Described(CompiledRule rule, CloudTrailEvent e, EvaluationBudget budget, string title, string dedup, List<RuleError>? errors)
    {
        var definition = rule.Definition;
        var severity = rule.SeverityOverride ?? Severity(rule, e, budget, ref errors) ?? definition.Severity;
        var context = Context(rule, e, budget, ref errors);
        var detection = new Detection(definition.Id, title, dedup, severity, context, e.EventId, e.EventTime);
        return new RuleOutcome(true, detection, (IReadOnlyList<RuleError>?)errors ?? []);
    }

    /// <summary>The first suppression whose fields and <c>when</c> hold; a <c>when</c> that fails is reported and does not suppress.</summary>
    internal static RuleSuppression? SuppressionOf(CompiledRule rule, CloudTrailEvent e, EvaluationBudget budget, ref List<RuleError>? errors)
    {
        foreach (var (suppression, when) in rule.Suppressions)
        {
            if (!suppression.MatchesFields(e))
            {
                continue;
            }

            if (when is null)
            {
                return suppression;
            }

            var (holds, failure) = MeteredCall.Run(budget, when, e, rule.Parameters);
            if (failure is not null)
            {
                var stopped = MeteredCall.IsBudgetExceeded(failure);
                var message = (stopped ? failure.Message : MeteredCall.Describe(failure)) + "; the match was not suppressed";
                (errors ??= []).Add(new RuleError(rule.Id, $"the 'when' of suppression '{suppression.Reason}'", message, suppression.WhenLocation ?? suppression.Location, e.EventId, stopped));
            }
            else if (holds)
            {
                return suppression;
            }
        }

        return null;
    }

    private static string? Text(CompiledRule rule, string name, Func<CloudTrailEvent, string?>? function, CloudTrailEvent e, EvaluationBudget budget, ref List<RuleError>? errors)
    {
        if (function is null)
        {
            return null;
        }

        var (text, failure) = MeteredCall.Run(budget, function, e, rule.Parameters);
        if (failure is not null)
        {
            (errors ??= []).Add(Error(rule, name, failure, e));
            return null;
        }

        if (text is { Length: > MaxTextLength })
        {
            (errors ??= []).Add(Returned(rule, name, $"returned {text.Length:N0} characters; at most {MaxTextLength:N0} are kept, so the default was used", e));
            return null;
        }

        return text is { Length: > 0 } ? text : null;
    }

    private static AlertSeverity? Severity(CompiledRule rule, CloudTrailEvent e, EvaluationBudget budget, ref List<RuleError>? errors)
    {
        if (rule.Functions.Severity is not { } function)
        {
            return null;
        }

        var (value, failure) = MeteredCall.Run(budget, function, e, rule.Parameters);
        switch (value)
        {
            case var _ when failure is not null:
                (errors ??= []).Add(Error(rule, "Severity", failure, e));
                return null;
            case AlertSeverity severity when Enum.IsDefined(severity):
                return severity;
            case string text when SeverityNames.TryParse(text, out var parsed):
                return parsed;
            case null:
                return null;
            default:
                (errors ??= []).Add(Returned(rule, "Severity", $"returned '{value}'; expected info, low, medium, high or critical", e));
                return null;
        }
    }

    private static JsonNode? Context(CompiledRule rule, CloudTrailEvent e, EvaluationBudget budget, ref List<RuleError>? errors)
    {
        if (rule.Functions.AlertContext is not { } alertContext)
        {
            return null;
        }

        // Serialised inside the metered call: the value's getters may be script code.
        var (context, failure) = MeteredCall.Run(budget, () => alertContext(e) is { } value ? JsonSerializer.SerializeToNode(value, value.GetType(), ContextOptions) : null, rule.Parameters);
        if (failure is not null)
        {
            (errors ??= []).Add(Error(rule, "AlertContext", failure, e));
            return null;
        }

        if (context is not null && context.ToJsonString().Length > MaxContextLength)
        {
            (errors ??= []).Add(Returned(rule, "AlertContext", $"returned more than {MaxContextLength / 1024} KiB of JSON; the alert goes out without a context", e));
            return null;
        }

        return context;
    }

    /// <summary>A function's failure on an event, as the rule error every caller reports.</summary>
    internal static RuleError Error(CompiledRule rule, string function, Exception failure, CloudTrailEvent e) =>
        new(rule.Id, function, MeteredCall.IsBudgetExceeded(failure) ? failure.Message : MeteredCall.Describe(failure), rule.Locate(failure), e.EventId, MeteredCall.IsBudgetExceeded(failure));

    private static RuleError Returned(CompiledRule rule, string function, string message, CloudTrailEvent e) =>
        new(rule.Id, function, message, new(rule.Definition.ScriptPath), e.EventId);
}
