using System.Text.Json;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources;

/// <summary>The records of a small input, copied, and the problems found reading it.</summary>
public sealed record RecordsRead(IReadOnlyList<JsonElement> Records, IReadOnlyList<Diagnostic> Problems);
