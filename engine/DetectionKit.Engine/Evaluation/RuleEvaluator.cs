using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// Runs one rule on one event: <c>Rule</c>, then on a match <c>Title</c>, <c>Dedup</c>,
/// <c>Severity</c> and <c>AlertContext</c>. Every function is isolated: an exception becomes a
/// <see cref="RuleError"/> for that rule and event, never a failure of the run.
/// </summary>
public static class RuleEvaluator
{
    private static readonly JsonSerializerOptions ContextOptions = new(JsonSerializerDefaults.General)
    {
        MaxDepth = 64,
    };

    public static RuleOutcome Evaluate(CompiledRule rule, CloudTrailEvent e)
    {
        if (!rule.Definition.Match.Matches(e))
        {
            return RuleOutcome.NoMatch;
        }

        List<RuleError>? errors = null;
        bool matched;
        try
        {
            matched = rule.Functions.Rule(e);
        }
        catch (Exception ex)
        {
            return new RuleOutcome(false, null, [Error(rule, "Rule", ex, e)]);
        }

        if (!matched)
        {
            return RuleOutcome.NoMatch;
        }

        var definition = rule.Definition;
        var title = Call(rule, "Title", rule.Functions.Title, e, ref errors) is { Length: > 0 } t ? t : definition.Title;
        var dedup = Call(rule, "Dedup", rule.Functions.Dedup, e, ref errors) is { Length: > 0 } d ? d : title;
        var severity = definition.Severity;
        if (Call(rule, "Severity", rule.Functions.Severity, e, ref errors) is { } text)
        {
            if (SeverityNames.TryParse(text, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                (errors ??= []).Add(new RuleError(definition.Id, "Severity", $"returned '{text}'; expected info, low, medium, high or critical", new(definition.ScriptPath), e.EventId));
            }
        }

        JsonNode? context = null;
        if (rule.Functions.AlertContext is { } alertContext)
        {
            try
            {
                var value = alertContext(e);
                context = value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), ContextOptions);
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(Error(rule, "AlertContext", ex, e));
            }
        }

        var detection = new Detection(definition.Id, title, dedup, severity, context, e.EventId, e.EventTime);
        return new RuleOutcome(true, detection, (IReadOnlyList<RuleError>?)errors ?? []);
    }

    private static string? Call(CompiledRule rule, string name, Func<CloudTrailEvent, string?>? function, CloudTrailEvent e, ref List<RuleError>? errors)
    {
        if (function is null)
        {
            return null;
        }

        try
        {
            return function(e);
        }
        catch (Exception ex)
        {
            (errors ??= []).Add(Error(rule, name, ex, e));
            return null;
        }
    }

    private static RuleError Error(CompiledRule rule, string function, Exception ex, CloudTrailEvent e) =>
        new(rule.Id, function, $"{ex.GetType().Name}: {ex.Message}", ExceptionLocator.Locate(ex, rule.Definition.ScriptPath), e.EventId);
}
