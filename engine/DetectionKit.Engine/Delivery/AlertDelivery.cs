using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Delivery;

/// <summary>
/// Sends each output the alerts it has not accepted yet, oldest first, and records each acceptance
/// in the state store as soon as the output returns. An alert the output rejects stays pending and
/// the next one is tried; an output that is unreachable (after its own retries) keeps the rest of
/// its alerts, in order, for the next pass; the other outputs go on. An alert the output does not
/// answer in time for is left pending too and the next one is sent; after
/// <see cref="TimeoutsInARow"/> such alerts in a row the output counts as unreachable for this pass.
/// A stop request is honoured between alerts: the alert in hand is always finished. Each alert is
/// claimed in the state before it is sent (<see cref="IAlertStateStore.TryClaimDelivery"/>), so processes
/// sharing one state never send it twice; an alert another process holds is left to it.
/// </summary>
public static class AlertDelivery
{
    /// <summary>Alerts in a row an output may time out on before the rest of its alerts wait for the next pass.</summary>
    public const int TimeoutsInARow = 2;

    /// <param name="state">Where the alerts wait and their deliveries are recorded.</param>
    /// <param name="scope">The state scope of the alerts.</param>
    /// <param name="outputs">The outputs, each offered what it has not accepted.</param>
    /// <param name="ruleIds">Only the alerts of these rules (the rules this process runs).</param>
    /// <param name="stop">Honoured between alerts.</param>
    /// <param name="claim">Who claims each alert before sending it; <see cref="DeliveryClaim.ThisProcess"/> when null.</param>
    public static async Task<DeliveryReport> DeliverAsync(IAlertStateStore state, string scope, IReadOnlyList<AlertOutput> outputs, IReadOnlySet<string> ruleIds, CancellationToken stop = default, DeliveryClaim? claim = null)
    {
        claim ??= DeliveryClaim.ThisProcess;
        var heldElsewhere = 0;
        var delivered = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<Diagnostic>();
        var inputOutputFailures = 0;
        foreach (var output in outputs)
        {
            delivered[output.Name] = 0;
            var pending = state.Undelivered(scope, output.Name, ruleIds);
            var rejected = 0;
            var timedOutInARow = 0;
            foreach (var alert in pending)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                if (!state.TryClaimDelivery(scope, alert.AlertId, output.Name, claim.Holder, DateTimeOffset.UtcNow + claim.For))
                {
                    // Another process sharing the state is sending it, or has sent it since the list was read.
                    heldElsewhere++;
                    rejected++;
                    continue;
                }

                try
                {
                    await output.Sink.WriteAsync(alert, CancellationToken.None);
                }
                catch (AlertRejectedException ex)
                {
                    rejected++;
                    failures.Add(Diagnostic.Error(DiagnosticCodes.DeliveryFailed, new SourceLocation(output.Name), $"output rejected alert {alert.AlertId} ({alert.RuleId}): {ex.Message}; it stays pending and is offered again next run"));
                    continue;
                }
                catch (AlertTimedOutException ex)
                {
                    rejected++;
                    var left = pending.Count - delivered[output.Name] - rejected;
                    if (++timedOutInARow < TimeoutsInARow || left == 0)
                    {
                        failures.Add(Diagnostic.Error(DiagnosticCodes.DeliveryTimedOut, new SourceLocation(output.Name), $"alert {alert.AlertId} ({alert.RuleId}): {ex.Message}; it stays pending and is offered again next run, and the next alerts go on"));
                        continue;
                    }

                    failures.Add(Diagnostic.Error(DiagnosticCodes.DeliveryTimedOut, new SourceLocation(output.Name), $"alert {alert.AlertId} ({alert.RuleId}): {ex.Message}, {TimeoutsInARow} alerts in a row; the output counts as unreachable for this run: this alert and the {left} after it stay pending for the next run"));
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    var left = pending.Count - delivered[output.Name] - rejected;
                    inputOutputFailures += ex is IOException or UnauthorizedAccessException ? 1 : 0;
                    failures.Add(Diagnostic.Error(DiagnosticCodes.DeliveryFailed, new SourceLocation(output.Name), $"output failed on alert {alert.AlertId} ({ex.Message}); {left} alert(s) stay pending for the next run"));
                    break;
                }

                timedOutInARow = 0;
                state.MarkDelivered(scope, alert.AlertId, output.Name);
                delivered[output.Name]++;
            }
        }

        return new DeliveryReport(delivered, failures) { InputOutputFailures = inputOutputFailures, HeldElsewhere = heldElsewhere };
    }
}
