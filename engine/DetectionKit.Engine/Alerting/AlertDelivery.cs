using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// Sends each output the alerts it has not accepted yet, oldest first, and records each acceptance
/// in the state store as soon as the output returns. An output that fails (after its own retries)
/// keeps the rest of its alerts for the next pass, in order; the other outputs go on.
/// </summary>
public static class AlertDelivery
{
    public static async Task<DeliveryReport> DeliverAsync(IAlertStateStore state, IReadOnlyList<AlertOutput> outputs, IReadOnlySet<string> ruleIds, CancellationToken cancellationToken = default)
    {
        var delivered = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<Diagnostic>();
        foreach (var output in outputs)
        {
            delivered[output.Name] = 0;
            var pending = state.Undelivered(output.Name, ruleIds);
            foreach (var alert in pending)
            {
                try
                {
                    await output.Sink.WriteAsync(alert, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var left = pending.Count - delivered[output.Name];
                    failures.Add(Diagnostic.Error(DiagnosticCodes.DeliveryFailed, new SourceLocation(output.Name), $"output refused alert {alert.AlertId} ({ex.Message}); {left} alert(s) stay pending for the next run"));
                    break;
                }

                state.MarkDelivered(alert.AlertId, output.Name);
                delivered[output.Name]++;
            }
        }

        return new DeliveryReport(delivered, failures);
    }
}
