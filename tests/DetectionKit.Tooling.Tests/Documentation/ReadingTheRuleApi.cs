using System.Xml.Linq;
using DetectionKit.Tooling.Documentation;

namespace DetectionKit.Tooling.Tests.Documentation;

public sealed class ReadingTheRuleApi
{
    private static readonly RuleApiReference RuleApi = RuleApiReader.ReadRuleApi();

    [Test]
    public void EveryPublicTypeAndMemberOfTheRuleApiComesWithItsSummary()
    {
        var undocumented = RuleApi.Types.Where(type => type.Doc.Summary.IsEmpty).Select(type => type.Name)
            .Concat(RuleApi.Types.SelectMany(type => type.Members.Where(member => member.Doc.Summary.IsEmpty)
                .Select(member => $"{type.Name}.{member.Name}")));

        Assert.That(RuleApi.Types.Select(type => type.Name), Is.SupersetOf(new[] { "CloudTrailEvent", "UserIdentity", "SourceAddress", "Arn", "Cidr", "PolicyDocument", "JsonElementExtensions" }));
        Assert.That(undocumented, Is.Empty);
    }

    [Test]
    public void TheRuleApiIsInItsOwnNamespaceAndNothingInternalShows()
    {
        Assert.That(RuleApi.AssemblyName, Is.EqualTo("DetectionKit.Scripting"));
        Assert.That(RuleApi.Types.Select(type => type.Namespace).Distinct(), Is.EqualTo(new[] { "DetectionKit.Scripting" }));
        Assert.That(RuleApi.Types.Select(type => type.Name), Has.None.EqualTo("JsonPath").And.None.EqualTo("Wildcard").And.None.EqualTo("IpAddressText"));
        Assert.That(Type("UserIdentity").Members.Select(member => member.Kind), Has.None.EqualTo(RuleApiMemberKind.Constructor), "its constructor is internal");
    }

    [Test]
    public void SignaturesAreCSharpWithNullableAnnotations()
    {
        Assert.That(Signatures("Arn"), Does.Contain("static Arn? Parse(string? text)").And.Contain("static bool TryParse(string? text, out Arn? arn)"));
        Assert.That(Signatures("CloudTrailEvent"), Does.Contain("string? EventName { get; }").And.Contain("DateTimeOffset? EventTime { get; }").And.Contain("CloudTrailEvent(JsonElement json)"));
        Assert.That(Signatures("JsonElementExtensions"), Does.Contain("static IEnumerable<string> Strings(this JsonElement? element)"));
        Assert.That(Signatures("SourceAddress"), Does.Contain("bool IsIn(params string[] cidrs)"));
        Assert.That(Signatures("PolicyCondition"), Does.Contain("string Operator { get; init; }"));
        Assert.That(Signatures("AlertSeverity"), Is.EqualTo(new[] { "Info = 0", "Low = 1", "Medium = 2", "High = 3", "Critical = 4" }));
        Assert.That(Type("JsonElementExtensions").Declaration, Is.EqualTo("public static class JsonElementExtensions"));
        Assert.That(Type("Arn").Declaration, Is.EqualTo("public sealed record Arn"));
    }

    [Test]
    public void WhatTheCompilerWritesForARecordIsLeftOut()
    {
        var arn = Type("Arn").Members.Select(member => member.Name).ToList();
        var condition = Type("PolicyCondition").Members.Select(member => member.Name).ToList();

        Assert.That(arn, Has.None.EqualTo("Equals").And.None.EqualTo("GetHashCode").And.None.EqualTo("op_Equality").And.None.EqualTo("<Clone>$"));
        Assert.That(arn, Has.One.EqualTo("ToString"), "Arn writes its own");
        Assert.That(condition, Has.None.EqualTo("Deconstruct").And.None.EqualTo("ToString"));
        Assert.That(condition, Does.Contain("PolicyCondition").And.Contain("Operator"), "the primary constructor and its properties are the record's own");
    }

    [Test]
    public void AReferenceToAnotherRuleApiTypeNamesTheTypeItBelongsTo()
    {
        var mfaUsed = Member("CloudTrailEvent", "MfaUsed").Doc.Summary.Spans;
        var invokedByService = Member("CloudTrailEvent", "InvokedByService").Doc.Summary.Spans;

        Assert.That(mfaUsed, Has.Member(new DocSpan(DocSpanKind.Reference, "UserIdentity.MfaAuthenticated", "UserIdentity")));
        Assert.That(invokedByService, Has.Member(new DocSpan(DocSpanKind.Reference, "IsAwsServiceCall", "CloudTrailEvent")), "a member of the same type goes without its type's name");
    }

    [Test]
    public void ParametersReturnsAndExceptionsAreReadTagByTag()
    {
        var parse = Type("Cidr").Members.Single(member => member.Signature == "static Cidr Parse(string text)").Doc;
        var tryParse = Type("Cidr").Members.Single(member => member.Name == "TryParse").Doc;

        Assert.That(parse.Parameters.Select(parameter => parameter.Name), Is.EqualTo(new[] { "text" }));
        Assert.That(parse.Exceptions.Single().Type, Is.EqualTo(new DocSpan(DocSpanKind.Reference, "FormatException")), "a framework type has no section to link to");
        Assert.That(parse.Exceptions.Single().Condition.Spans, Is.EqualTo(new[] { new DocSpan(DocSpanKind.Code, "text"), new DocSpan(DocSpanKind.Text, " is not a range.") }));
        Assert.That(tryParse.Returns.Spans.Single().Text, Is.EqualTo("False for null and for anything that is not a range."));
    }

    [Test]
    public void AGenericMemberShowsItsTypeParameters()
    {
        var reference = DocumentedAssembly.Read("""
            namespace Sample;
            /// <summary>Holder.</summary>
            public static class Things
            {
                /// <summary>The first item.</summary>
                /// <typeparam name="T">The items' type.</typeparam>
                /// <param name="items">The items.</param>
                public static T? First<T>(T[] items) where T : class => items.Length > 0 ? items[0] : null;
            }
            """);

        var first = reference.Types.Single().Members.Single();

        Assert.That(first.Signature, Is.EqualTo("static T? First<T>(T[] items) where T : class"));
        Assert.That(first.Doc.TypeParameters.Select(parameter => (parameter.Name, parameter.Text.Spans.Single().Text)), Is.EqualTo(new[] { ("T", "The items' type.") }));
        Assert.That(first.Doc.Parameters.Select(parameter => parameter.Name), Is.EqualTo(new[] { "items" }));
    }

    [Test]
    public void InheritdocCopiesTheCommentOfTheMemberItNames()
    {
        var reference = DocumentedAssembly.Read("""
            namespace Sample;
            /// <summary>Holder.</summary>
            public static class Things
            {
                /// <summary>Counts <paramref name="items"/>.</summary>
                /// <param name="items">What to count.</param>
                public static int Count(int[] items) => items.Length;

                /// <inheritdoc cref="Count(int[])"/>
                /// <param name="items">What to count, or null.</param>
                public static int Count(int[]? items, bool _) => items?.Length ?? 0;
            }
            """);

        var overload = reference.Types.Single().Members.Single(member => member.Signature.Contains("bool", StringComparison.Ordinal)).Doc;

        Assert.That(overload.Summary.Spans, Is.EqualTo(new[] { new DocSpan(DocSpanKind.Text, "Counts "), new DocSpan(DocSpanKind.Code, "items"), new DocSpan(DocSpanKind.Text, ".") }));
        Assert.That(overload.Parameters.Single().Text.Spans.Single().Text, Is.EqualTo("What to count, or null."), "what the member writes itself wins");
    }

    [Test]
    public void TheCommentsLayoutCollapsesAndParagraphsStaySeparate()
    {
        var reference = DocumentedAssembly.Read("""
            namespace Sample;
            /// <summary>
            ///   First   line
            ///   goes on, <c> code </c> and <see langword="null"/>.
            ///   <para>Second <em>paragraph</em>.</para>
            /// </summary>
            public sealed class Thing
            {
            }
            """);

        Assert.That(reference.Types.Single().Doc.Summary.Spans, Is.EqualTo(new[]
        {
            new DocSpan(DocSpanKind.Text, "First line goes on, "),
            new DocSpan(DocSpanKind.Code, "code"),
            new DocSpan(DocSpanKind.Text, " and "),
            new DocSpan(DocSpanKind.Code, "null"),
            new DocSpan(DocSpanKind.Text, "."),
            new DocSpan(DocSpanKind.ParagraphBreak, string.Empty),
            new DocSpan(DocSpanKind.Text, "Second "),
            new DocSpan(DocSpanKind.Emphasis, "paragraph"),
            new DocSpan(DocSpanKind.Text, "."),
        }));
    }

    [Test]
    public void MembersAreListedByKindThenInTheOrderTheyAreDeclared()
    {
        var reference = DocumentedAssembly.Read("""
            namespace Sample;
            /// <summary>Thing.</summary>
            public sealed class Thing
            {
                /// <summary>B.</summary>
                public void B() { }
                /// <summary>Z.</summary>
                public int Z => 1;
                /// <summary>A.</summary>
                public void A() { }
                /// <summary>New.</summary>
                public Thing() { }
                /// <summary>Y.</summary>
                public int Y => 2;
                internal void Hidden() { }
            }
            """);

        Assert.That(reference.Types.Single().Members.Select(member => member.Name), Is.EqualTo(new[] { "Thing", "Z", "Y", "B", "A" }));
    }

    [Test]
    public void ATagTheReferenceCannotShowIsAnErrorThatNamesTheMember()
    {
        const string source = """
            namespace Sample;
            /// <summary>Thing.</summary>
            public sealed class Thing
            {
                /// <summary>Runs.</summary>
                public void Run() { }
            }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => DocumentedAssembly.Read(source, xml =>
        {
            xml.Descendants("member").Single(member => member.Attribute("name")!.Value == "M:Sample.Thing.Run").Element("summary")!
                .Add(new XElement("list", new XElement("item", "lost")));
            return xml;
        }));

        Assert.That(error!.Message, Does.StartWith("M:Sample.Thing.Run: <list> is not rendered in the rule-API reference"));
    }

    private static RuleApiType Type(string name) => RuleApi.Types.Single(type => type.Name == name);

    private static RuleApiMember Member(string type, string name) => Type(type).Members.Single(member => member.Name == name);

    private static IReadOnlyList<string> Signatures(string type) => Type(type).Members.Select(member => member.Signature).ToList();
}
