using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Hunting;

/// <summary>A record that passed the test, with the query's values for it (null where an expression failed or gave null); valid only during the callback.</summary>
/// <param name="Event">The record.</param>
/// <param name="Values">The values, in the query's order.</param>
public sealed record HuntRow(CloudTrailEvent Event, IReadOnlyList<JsonNode?> Values);
