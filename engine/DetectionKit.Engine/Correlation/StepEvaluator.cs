using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// Finds the correlation step matches of an event: the function steps of the rule set's correlation
/// rules (after their prefilter), and the steps made of the matches of other rules. Each match gets
/// its group key (the <c>group_by</c> paths, or the script's <c>Group</c>), its value for value_count,
/// and the script's <c>Title</c>, every call metered like a rule's; a failing call is a
/// <see cref="RuleError"/> of the correlation rule and the event is not counted for it. An event the
/// rule's suppressions (from an organisation's settings) hold for is not counted either.
/// </summary>
public sealed class StepEvaluator
{
    /// <summary>Longest group key or value kept; a longer one is an error and the event is not counted.</summary>
    public const int MaxKeyLength = 1024;

    private readonly RuleSet rules;
    private readonly Dictionary<string, Correlator> correlators;
    private readonly List<(CompiledRule Rule, CorrelationStepDefinition Step, Func<CloudTrailEvent, bool> Function)> functionSteps;

    public StepEvaluator(RuleSet rules)
    {
        this.rules = rules;
        correlators = rules.Correlations.ToDictionary(
            r => r.Id,
            r => new Correlator(r.Id, r.Definition.Title, r.SeverityOverride ?? r.Definition.Severity, r.Definition.Correlation!),
            StringComparer.Ordinal);
        functionSteps = [.. rules.Correlations.SelectMany(r => r.Definition.Correlation!.Steps
            .Where(s => s.Function is not null && r.Functions.Steps.ContainsKey(s.Name))
            .Select(s => (r, s, r.Functions.Steps[s.Name])))];
    }

    /// <summary>Whether any correlation rule runs: without one there is nothing to look for.</summary>
    public bool IsEmpty => correlators.Count == 0;

    /// <summary>The correlator of a correlation rule of the set.</summary>
    public Correlator CorrelatorOf(string ruleId) => correlators[ruleId];

    /// <summary>The step matches of the event's function steps.</summary>
    public void FromFunctions(CloudTrailEvent e, EvaluationBudget budget, ICollection<StepMatch> matches, ICollection<RuleError> errors)
    {
        // Indexed: a foreach over the list would allocate an enumerator per record.
        for (var i = 0; i < functionSteps.Count; i++)
        {
            var (rule, step, function) = functionSteps[i];
            if (!step.Match.Matches(e))
            {
                continue;
            }

            var (holds, failure) = MeteredCall.Run(budget, function, e, rule.Parameters);
            if (failure is not null)
            {
                errors.Add(RuleEvaluator.Error(rule, step.Function!, failure, e));
            }
            else if (holds)
            {
                Add(rule, step, e, budget, matches, errors);
            }
        }
    }

    /// <summary>The step matches a match of <paramref name="ruleId"/> makes of the event.</summary>
    public void FromRule(string ruleId, CloudTrailEvent e, EvaluationBudget budget, ICollection<StepMatch> matches, ICollection<RuleError> errors)
    {
        foreach (var (correlation, step) in rules.StepsFedBy(ruleId))
        {
            Add(correlation, step, e, budget, matches, errors);
        }
    }

    private void Add(CompiledRule rule, CorrelationStepDefinition step, CloudTrailEvent e, EvaluationBudget budget, ICollection<StepMatch> matches, ICollection<RuleError> errors)
    {
        if (e.EventTime is not { } time)
        {
            return;
        }

        // An organisation's suppressions of a correlation rule keep matching events out of its groups.
        if (rule.Suppressions.Count > 0)
        {
            List<RuleError>? failures = null;
            var suppressed = RuleEvaluator.SuppressionOf(rule, e, budget, ref failures);
            foreach (var failure in failures ?? [])
            {
                errors.Add(failure);
            }

            if (suppressed is not null)
            {
                return;
            }
        }

        var definition = rule.Definition.Correlation!;
        var group = definition.GroupsByFunction ? Call(rule, "Group", rule.Functions.Group, e, budget, errors) : Joined(definition.GroupBy, e);
        if (group is null)
        {
            return;
        }

        string? value = null;
        if (definition.Type == CorrelationType.ValueCount)
        {
            value = definition.Field is { } field ? e.Get(field) : Call(rule, "Value", rule.Functions.Value, e, budget, errors);
            if (string.IsNullOrEmpty(value) || value.Length > MaxKeyLength)
            {
                return;
            }
        }

        var title = rule.Functions.Title is { } titleFunction ? Call(rule, "Title", titleFunction, e, budget, errors) : null;
        matches.Add(new StepMatch(correlators[rule.Id], group, new CorrelationStep
        {
            Step = step.Name,
            EventKey = e.EventId ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e.Json.GetRawText()))),
            EventTime = time,
            EventId = e.EventId,
            EventSource = e.EventSource,
            EventName = e.EventName,
            RecipientAccountId = e.RecipientAccountId,
            AwsRegion = e.AwsRegion,
            Value = value,
            Title = title,
        }));
    }

    /// <summary>The values of the paths, joined; null when the event has none of them.</summary>
    private static string? Joined(IReadOnlyList<string> paths, CloudTrailEvent e)
    {
        var values = paths.Select(e.Get).ToList();
        if (values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        var key = string.Join(" ", values.Select(v => v ?? "-"));
        return key.Length <= MaxKeyLength ? key : null;
    }

    private static string? Call(CompiledRule rule, string name, Func<CloudTrailEvent, string?>? function, CloudTrailEvent e, EvaluationBudget budget, ICollection<RuleError> errors)
    {
        if (function is null)
        {
            return null;
        }

        var (text, failure) = MeteredCall.Run(budget, function, e, rule.Parameters);
        if (failure is not null)
        {
            errors.Add(RuleEvaluator.Error(rule, name, failure, e));
            return null;
        }

        if (text is { Length: > MaxKeyLength } && name != "Title" || text is { Length: > RuleEvaluator.MaxTextLength })
        {
            errors.Add(new RuleError(rule.Id, name, $"returned {text.Length:N0} characters; at most {(name == "Title" ? RuleEvaluator.MaxTextLength : MaxKeyLength):N0} are kept, so the event was {(name == "Title" ? "titled by the rule's title" : "not counted")}", new(rule.Definition.ScriptPath), e.EventId));
            return null;
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }
}
