using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// A hunt query ready to evaluate: its test and its values, each call metered by the budget a rule
/// call has. A call that throws or runs past its budget gives a <see cref="QueryFailure"/>, never an exception.
/// </summary>
public sealed class CompiledQuery
{
    private static readonly JsonSerializerOptions ValueOptions = new(JsonSerializerDefaults.General) { MaxDepth = 64 };

    private readonly Func<CloudTrailEvent, bool>? test;
    private readonly IReadOnlyList<Func<CloudTrailEvent, object?>> functions;
    private readonly EvaluationBudget budget;

    internal CompiledQuery(QueryExpression? where, Func<CloudTrailEvent, bool>? test, IReadOnlyList<QueryExpression> values, IReadOnlyList<Func<CloudTrailEvent, object?>> functions, EvaluationBudget budget)
    {
        Where = where;
        this.test = test;
        Values = values;
        this.functions = functions;
        this.budget = budget;
    }

    /// <summary>The test; null when every record passes.</summary>
    public QueryExpression? Where { get; }

    /// <summary>The values worked out for a record that passes, in order.</summary>
    public IReadOnlyList<QueryExpression> Values { get; }

    /// <summary>Whether the record passes the test; false, with the failure, when the test threw or was stopped.</summary>
    public bool Matches(CloudTrailEvent e, out QueryFailure? failure)
    {
        failure = null;
        if (test is null || Where is null)
        {
            return true;
        }

        var (value, error) = MeteredCall.Run(budget, test, e);
        failure = error is null ? null : Failure(Where, error);
        return error is null && value;
    }

    /// <summary>
    /// The value at <paramref name="index"/> for the record, as JSON (null for a null value); null, with the
    /// failure, when the expression threw or was stopped. Serialised inside the metered call: what it
    /// returned may run script code when read.
    /// </summary>
    public JsonNode? Value(int index, CloudTrailEvent e, out QueryFailure? failure)
    {
        var function = functions[index];
        var (value, error) = MeteredCall.Run(budget, () => function(e) is { } result ? JsonSerializer.SerializeToNode(result, result.GetType(), ValueOptions) : null);
        failure = error is null ? null : Failure(Values[index], error);
        return error is null ? value : null;
    }

    private static QueryFailure Failure(QueryExpression expression, Exception error) =>
        new(expression, MeteredCall.Describe(error), MeteredCall.IsBudgetExceeded(error));
}
