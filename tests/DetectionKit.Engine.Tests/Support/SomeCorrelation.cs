using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>Correlation rules and their step matches, built from the public types as the evaluator makes them, with no compilation.</summary>
internal static class SomeCorrelation
{
    private static readonly SourceLocation Location = new("/rules/test/correlation.yml", 1, 1);

    /// <summary>A temporal_ordered rule: the steps in the order given, within the timespan.</summary>
    public static Correlator Sequence(string ruleId, TimeSpan timespan, params string[] steps) => Rule(ruleId, CorrelationType.TemporalOrdered, timespan, steps.Length, steps);

    /// <summary>An event_count rule of one step: <paramref name="threshold"/> matches within the timespan.</summary>
    public static Correlator Count(string ruleId, TimeSpan timespan, int threshold) => Rule(ruleId, CorrelationType.EventCount, timespan, threshold, "denied");

    /// <summary>A step match of the event <paramref name="eventId"/> at <paramref name="time"/>, in the group <paramref name="group"/>.</summary>
    public static StepMatch Step(Correlator correlator, string step, DateTimeOffset time, string eventId, string group = "alice") =>
        new(correlator, group, new CorrelationStep
        {
            Step = step,
            EventKey = eventId,
            EventTime = time,
            EventId = eventId,
            EventSource = "sts.amazonaws.com",
            EventName = step,
            RecipientAccountId = "111122223333",
            AwsRegion = "us-east-1",
            Title = $"{step} by {group}",
        });

    /// <summary>2024-07-31 at <paramref name="time"/> (HH:mm:ss), UTC, as <see cref="SomeAlert.At"/> dates its records.</summary>
    public static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2024-07-31T{time}Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Correlator Rule(string ruleId, CorrelationType type, TimeSpan timespan, int threshold, params string[] steps) =>
        new(ruleId, "Correlated " + ruleId, AlertSeverity.High, new CorrelationDefinition
        {
            Type = type,
            Timespan = timespan,
            Steps = [.. steps.Select(name => new CorrelationStepDefinition(name, Location) { Function = name })],
            Threshold = threshold,
            Location = Location,
        });
}
