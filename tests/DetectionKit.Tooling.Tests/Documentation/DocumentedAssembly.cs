using System.Xml.Linq;
using DetectionKit.Tooling.Documentation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Tooling.Tests.Documentation;

/// <summary>Compiles C# with doc comments into an assembly and its XML documentation, as the build does, and reads them back.</summary>
internal static class DocumentedAssembly
{
    public static RuleApiReference Read(string source) => Read(source, xml => xml);

    /// <param name="source">The assembly's code.</param>
    /// <param name="editDocumentation">Changes the XML file before it is read, to write what the compiler would refuse.</param>
    public static RuleApiReference Read(string source, Func<XDocument, XDocument> editDocumentation)
    {
        var directory = Directory.CreateTempSubdirectory("rule-api-");
        try
        {
            var assembly = Path.Combine(directory.FullName, "Sample.dll");
            var compilation = CSharpCompilation.Create(
                "Sample",
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose))],
                [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"))],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var documentation = new MemoryStream();
            using (var pe = File.Create(assembly))
            {
                var result = compilation.Emit(pe, xmlDocumentationStream: documentation);
                Assert.That(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the sample compiles");
            }

            documentation.Position = 0;
            using var edited = new MemoryStream();
            editDocumentation(XDocument.Load(documentation)).Save(edited);
            edited.Position = 0;
            return RuleApiReader.Read(assembly, edited);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
