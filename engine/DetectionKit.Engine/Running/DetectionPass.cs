using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Running;

/// <summary>
/// One pass of a rule set over a source, everything after loading: source → evaluate → alert state
/// (<see cref="DetectionRunner"/>), then each output gets the alerts of the selected rules it has not
/// accepted yet (<see cref="AlertDelivery"/>). <c>run</c> and every scheduled job run the same pass.
/// </summary>
public sealed class DetectionPass
{
    private readonly RuleSet rules;
    private readonly IAlertStateStore state;
    private readonly string scope;
    private readonly IReadOnlySet<string> ruleIds;

    /// <param name="rules">The rules to run; only their alerts are delivered.</param>
    /// <param name="state">Where matches are grouped into alerts and deliveries recorded.</param>
    /// <param name="scope">The state scope: a scheduled job's name, or <c>run</c>.</param>
    public DetectionPass(RuleSet rules, IAlertStateStore state, string scope)
    {
        this.rules = rules;
        this.state = state;
        this.scope = scope;
        ruleIds = rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<PassResult> RunAsync(IEventSource source, IReadOnlyList<AlertOutput> outputs, PassOptions? options = null, CancellationToken stop = default)
    {
        options ??= new PassOptions();
        var runner = new DetectionRunner(rules, state, scope) { Parallelism = options.Parallelism ?? Environment.ProcessorCount, Committed = options.Committed, DeadLetters = options.DeadLetters };
        var run = await runner.RunAsync(source, options.CheckpointOf, options.Progress, stop);
        options.Delivering?.Invoke();
        if (options.DeliverInFull)
        {
            return new PassResult(run, await AlertDelivery.DeliverAsync(state, scope, outputs, ruleIds, CancellationToken.None, options.DeliveryClaim));
        }

        return run.Stopped
            ? new PassResult(run, DeliveryReport.None)
            : new PassResult(run, await AlertDelivery.DeliverAsync(state, scope, outputs, ruleIds, stop, options.DeliveryClaim));
    }
}
