namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>What <c>import sigma</c> reads and where it writes.</summary>
/// <param name="Source">A Sigma file, or a folder read recursively for <c>*.yml</c> and <c>*.yaml</c>.</param>
/// <param name="RulesRoot">The rules directory; rules go to <c>&lt;RulesRoot&gt;/&lt;Pack&gt;/&lt;name&gt;.yml</c>.</param>
/// <param name="Pack">The pack folder under the rules directory (<c>sigma</c>, <c>aws/sigma</c>); it also prefixes the ids.</param>
/// <param name="DryRun">Convert and report, write nothing.</param>
/// <param name="Force">Overwrite rule files that already exist.</param>
public sealed record SigmaImportOptions(string Source, string RulesRoot, string Pack = "sigma", bool DryRun = false, bool Force = false);
