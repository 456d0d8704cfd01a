using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Hunting;

/// <summary>
/// How often each expression threw or was stopped, and where first: reported once per expression and
/// kind at the end of a scan, so an expression that fails on a million records prints one line.
/// </summary>
public sealed class ExpressionFailures
{
    private readonly Dictionary<(QueryExpression Expression, bool Stopped), Tally> tallies = [];

    public long Total => tallies.Values.Sum(t => t.Count);

    /// <param name="failure">What went wrong.</param>
    /// <param name="at">The record it went wrong on: its input and place.</param>
    /// <param name="recordIndex">The record's index in its input.</param>
    public void Add(QueryFailure failure, SourceLocation at, long recordIndex)
    {
        var key = (failure.Expression, failure.Stopped);
        if (tallies.TryGetValue(key, out var tally))
        {
            tally.Count++;
            return;
        }

        tallies[key] = new Tally { Count = 1, First = failure.Message.TrimEnd('.'), At = at, RecordIndex = recordIndex };
    }

    /// <summary>One error per expression and kind, at the expression's column in its option.</summary>
    public IReadOnlyList<Diagnostic> ToDiagnostics() => tallies
        .OrderBy(t => t.Key.Expression.Option, StringComparer.Ordinal).ThenBy(t => t.Key.Expression.Line).ThenBy(t => t.Key.Expression.Column)
        .Select(t =>
        {
            var records = t.Value.Count == 1 ? "1 record" : $"{t.Value.Count:N0} records";
            var first = $"first at {t.Value.At} (record index {t.Value.RecordIndex})";
            return t.Key.Stopped
                ? Diagnostic.Error(DiagnosticCodes.HuntExpressionStopped, t.Key.Expression.Location, $"'{t.Key.Expression.Text}' was stopped on {records}: it {t.Value.First}; {first}")
                : Diagnostic.Error(DiagnosticCodes.HuntExpressionThrew, t.Key.Expression.Location, $"'{t.Key.Expression.Text}' threw on {records}: {t.Value.First}; {first}");
        })
        .ToList();

    private sealed class Tally
    {
        public long Count { get; set; }

        public required string First { get; init; }

        public required SourceLocation At { get; init; }

        public long RecordIndex { get; init; }
    }
}
