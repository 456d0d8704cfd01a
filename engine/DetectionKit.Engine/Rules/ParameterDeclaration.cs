using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// A parameter a rule declares in its YAML (<c>parameters: { name: { type, description, default } }</c>):
/// a value an organisation may set in its settings file, and a case in its <c>parameters</c>.
/// </summary>
/// <param name="Name">The name scripts read it by.</param>
/// <param name="Type">The declared type.</param>
/// <param name="Description">What the value means, for the settings documentation.</param>
/// <param name="Default">The default, read as the rule API hands it to scripts (see <see cref="ParameterValue"/>).</param>
/// <param name="DefaultJson">The default as written, for documentation.</param>
/// <param name="Location">Where the parameter's name is written in the YAML.</param>
public sealed record ParameterDeclaration(
    string Name,
    ParameterType Type,
    string Description,
    object Default,
    JsonNode? DefaultJson,
    SourceLocation Location);
