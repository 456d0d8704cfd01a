using DetectionKit.Engine.Compilation.Safety;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

/// <summary>
/// Rule scripts arrive by pull request and run where trail credentials live: whatever they use
/// outside the rule API and the allow-list is refused at load, at the line and column of the use,
/// and the other rules still load.
/// </summary>
public sealed class RefusingApisOutsideTheAllowList
{
    public static IEnumerable<TestCaseData> ForbiddenUses()
    {
        TestCaseData Case(string category, string body, int column, string subject) =>
            new TestCaseData(body, column, subject, category).SetName($"{{m}}: {category}: {subject}");

        yield return Case("it reaches the file system", "System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0", 1, "System.IO.File");
        yield return Case("it reaches the file system", "new System.IO.FileInfo(\"/tmp/x\").Exists", 5, "System.IO.FileInfo");
        yield return Case("it reaches the file system", "System.IO.Directory.GetFiles(\"/\").Length > 0", 1, "System.IO.Directory");
        yield return Case("it reaches the network", "new System.Net.Http.HttpClient().GetStringAsync(\"http://169.254.169.254/\").Result.Length > 0", 5, "System.Net.Http.HttpClient");
        yield return Case("it reaches the network", "System.Net.Dns.GetHostAddresses(\"example.com\").Length > 0", 1, "System.Net.Dns");
        yield return Case("it reaches processes and diagnostics", "System.Diagnostics.Process.Start(\"sh\") != null", 1, "System.Diagnostics.Process");
        yield return Case("it reaches the environment (variables, command line, process exit)", "Environment.GetEnvironmentVariable(\"AWS_SECRET_ACCESS_KEY\") != null", 1, "System.Environment");
        yield return Case("it is reflection or loads code", "e.GetType().Assembly != null", 3, "System.Object.GetType");
        yield return Case("it is reflection or loads code", "typeof(CloudTrailEvent).Name.Length > 0", 1, "System.Type");
        yield return Case("it is reflection or loads code", "Type.GetType(\"DetectionKit.Engine.State.SqliteAlertStateStore, DetectionKit.Engine\") != null", 1, "System.Type");
        yield return Case("it is reflection or loads code", "Activator.CreateInstance<object>() != null", 1, "System.Activator");
        yield return Case("it is reflection or loads code", "System.Reflection.Assembly.Load(\"DetectionKit.Engine\") != null", 1, "System.Reflection.Assembly");
        yield return Case("it is reflection or loads code", "((Func<bool>)(() => true)).Method != null", 28, "System.Delegate");
        yield return Case("it is interop or unsafe code", "System.Runtime.InteropServices.Marshal.SizeOf<int>() > 0", 1, "System.Runtime.InteropServices.Marshal");
        yield return Case("it runs threads or tasks", "new System.Threading.Thread(() => { }) != null", 5, "System.Threading.Thread");
        yield return Case("it runs threads or tasks", "System.Threading.Tasks.Task.Run(() => true).Result", 1, "System.Threading.Tasks.Task");
        yield return Case("it runs threads or tasks", "new[] { 1 }.AsParallel().Any()", 13, "System.Linq.ParallelEnumerable");
        yield return Case("it produces a sequence without end, which runs where no step is counted", "Enumerable.InfiniteSequence(0, 1).Any(i => i < 0)", 1, "System.Linq.Enumerable.InfiniteSequence");
        yield return Case("it reaches the garbage collector", "GC.GetTotalMemory(false) > 0", 1, "System.GC");
        yield return Case("it changes process-wide settings", "AppContext.BaseDirectory.Length > 0", 1, "System.AppContext");
        yield return Case("it writes to the console", "Console.Out != null", 1, "System.Console");
        yield return Case("it shares random state between rules", "Random.Shared.Next() > 0", 1, "System.Random");
        yield return Case("it changes process-wide settings (use CultureInfo.InvariantCulture)", "(System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture) != null", 2, "System.Globalization.CultureInfo.CurrentCulture");
    }

    [TestCaseSource(nameof(ForbiddenUses))]
    public void AForbiddenApiIsRefusedAtItsUse(string body, int column, string subject, string category)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", $"// line 1\nbool Rule(CloudTrailEvent e) =>\n{body};\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty, "a rule using a forbidden API must not load");
        var refused = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.That(refused, Is.Not.Empty);
        var first = refused[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Code, Is.EqualTo(DiagnosticCodes.ApiRefused));
            Assert.That(first.RuleId, Is.EqualTo("rule"));
            Assert.That(first.Location.Path, Is.EqualTo(rules.PathOf("rule.csx")));
            Assert.That((first.Location.Line, first.Location.Column), Is.EqualTo((3, column)));
            Assert.That(first.Message, Does.Contain($"'{subject}"));
            Assert.That(first.Message, Does.Contain($": {category};"));
        });
    }

    public static IEnumerable<TestCaseData> ForbiddenConstructs()
    {
        TestCaseData Case(string what, string script, int line, string message) =>
            new TestCaseData(script, line, message).SetName($"{{m}}: {what}");

        yield return Case("unsafe block", "bool Rule(CloudTrailEvent e)\n{\n    unsafe { int x = 1; int* p = &x; return *p == 1; }\n}\n", 3, "unsafe code");
        yield return Case("unsafe method", "static unsafe int Peek(int* p) => *p;\nbool Rule(CloudTrailEvent e) => true;\n", 1, "unsafe code");
        yield return Case("extern method", "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nbool Rule(CloudTrailEvent e) => true;\n", 1, "");
        yield return Case("dynamic", "bool Rule(CloudTrailEvent e)\n{\n    dynamic d = e;\n    return d.IsSuccess;\n}\n", 3, "'dynamic' is not allowed");
        yield return Case("async", "async System.Threading.Tasks.Task<bool> Check() => true;\nbool Rule(CloudTrailEvent e) => true;\n", 1, "");
        yield return Case("lock", "static readonly object Gate = new();\nbool Rule(CloudTrailEvent e)\n{\n    lock (Gate) { return true; }\n}\n", 4, "lock");
        yield return Case("stackalloc", "bool Rule(CloudTrailEvent e)\n{\n    Span<byte> b = stackalloc byte[100000000];\n    return b.Length > 0;\n}\n", 3, "stackalloc");
        yield return Case("finalizer", "class Sticky { ~Sticky() { } }\nbool Rule(CloudTrailEvent e) => true;\n", 1, "finalizer");
        yield return Case("the engine's internals", "bool Rule(CloudTrailEvent e)\n{\n    DetectionKit.Scripting.Execution.ScriptMeter.Exit();\n    return true;\n}\n", 3, "not part of the rule API");
        yield return Case("a framework base class", "class Sneaky : System.Text.RegularExpressions.Regex { }\nbool Rule(CloudTrailEvent e) => true;\n", 1, "derives from");
        yield return Case("a regex method group", "bool Rule(CloudTrailEvent e)\n{\n    Func<string, string, bool> m = System.Text.RegularExpressions.Regex.IsMatch;\n    return m(\"a\", \"a\");\n}\n", 3, "without the engine's match timeout");
        yield return Case("using static", "using static System.IO.File;\nbool Rule(CloudTrailEvent e) => Exists(\"/etc/passwd\");\n", 1, "System.IO.File");
        yield return Case("an alias", "using F = System.IO.File;\nbool Rule(CloudTrailEvent e) => F.Exists(\"/etc/passwd\");\n", 1, "System.IO.File");
    }

    [TestCaseSource(nameof(ForbiddenConstructs))]
    public void AConstructThatEscapesTheSandboxIsRefused(string script, int line, string message)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", script);

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.That(errors, Is.Not.Empty);
        Assert.That(errors.Select(d => d.Location.Line), Has.Member(line), () => string.Join("\n", errors));
        Assert.That(errors.Select(d => d.Message), Has.Some.Contains(message), () => string.Join("\n", errors));
    }

    public static IEnumerable<TestCaseData> SharedState()
    {
        yield return new TestCaseData("static int calls;\nbool Rule(CloudTrailEvent e) => calls++ > 0;\n", "field 'calls' can be changed").SetName("{m}: a static field");
        yield return new TestCaseData("int calls;\nbool Rule(CloudTrailEvent e) => calls++ > 0;\n", "field 'calls' can be changed").SetName("{m}: an instance field");
        yield return new TestCaseData("static string Last { get; set; }\nbool Rule(CloudTrailEvent e) { Last = e.EventName; return true; }\n", "auto-property with 'set'").SetName("{m}: a settable auto-property");
        yield return new TestCaseData("static readonly List<string> Seen = [];\nbool Rule(CloudTrailEvent e) { Seen.Add(e.EventId); return Seen.Count > 5; }\n", "declare it as IReadOnlyList<string>").SetName("{m}: a mutable collection");
        yield return new TestCaseData("static readonly string[] Names = [\"a\"];\nbool Rule(CloudTrailEvent e) => Names[0] == \"a\";\n", "declare it as IReadOnlyList<string>").SetName("{m}: an array");
    }

    [TestCaseSource(nameof(SharedState))]
    public void StateThatOutlivesOneEvaluationIsRefused(string script, string message)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", script);

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.Single(d => d.IsError);
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.MutableState));
        Assert.That(refused.Location.Line, Is.EqualTo(1));
        Assert.That(refused.Message, Does.Contain(message));
    }

    [Test]
    public void WhatRulesNeedIsAllowed()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            using System.Collections.Frozen;
            static readonly Regex Key = new(@"^AKIA[0-9A-Z]{16}$", RegexOptions.IgnoreCase);
            static readonly IReadOnlySet<string> Names = new HashSet<string>(["StopLogging", "DeleteTrail"]).ToFrozenSet();
            record Hit(string Name, int Count);

            bool Rule(CloudTrailEvent e)
            {
                var hits = new List<Hit>();
                foreach (var (name, index) in Names.Select((n, i) => (n, i)))
                {
                    hits.Add(new Hit(name, index));
                }

                var text = new StringBuilder().Append(e.EventName).ToString();
                var when = DateTimeOffset.Parse("2024-08-01T00:00:00Z", CultureInfo.InvariantCulture) + TimeSpan.FromHours(1);
                var ip = IPAddress.TryParse(e.SourceIPAddress ?? "", out var parsed) ? parsed.AddressFamily : System.Net.Sockets.AddressFamily.Unknown;
                using var json = JsonDocument.Parse("{\"a\": [1, 2]}");
                var sum = json.RootElement.GetProperty("a").EnumerateArray().Sum(x => x.GetInt32());
                var words = Regex.Split(text, "(?=[A-Z])").Where(w => w.Length > 0).ToList();
                return Names.Contains(text) && hits.Count == 2 && when.Year == 2024 && sum == 3 && words.Count > 0 && !Key.IsMatch(text) && Math.Max(1, 2) == 2 && ip != System.Net.Sockets.AddressFamily.InterNetworkV6;
            }
            """);

        var result = rules.Compile();

        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Rules, Has.Count.EqualTo(1));
    }

    [Test]
    public void ARefusedRuleDoesNotStopTheOthers()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-reads-files", "bool Rule(CloudTrailEvent e) => System.IO.File.Exists(\"/etc/passwd\");\n");
        rules.AddRule("b-fine", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "b-fine" }));
        Assert.That(result.Diagnostics.Single(d => d.IsError).RuleId, Is.EqualTo("a-reads-files"));
    }

    [Test]
    public void AnAllowListLineThatIsNotUnderstoodIsAnError()
    {
        Assert.That(() => AllowList.Shipped, Throws.Nothing);
        Assert.That(() => AllowList.Parse("allow everything\n"), Throws.TypeOf<FormatException>().With.Message.Contains("allow everything"));
    }
}
