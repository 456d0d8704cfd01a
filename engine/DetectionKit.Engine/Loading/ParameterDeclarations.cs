using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Reads a rule's <c>parameters:</c> block (the schema has checked its shape) and the parameter values
/// of its cases, checking every value against its declared type at its YAML line.
/// </summary>
internal static class ParameterDeclarations
{
    public static IReadOnlyList<ParameterDeclaration> Read(JsonObject? block, PositionMap positions, string ruleId, ICollection<Diagnostic> diagnostics)
    {
        if (block is null)
        {
            return [];
        }

        var declarations = new List<ParameterDeclaration>();
        foreach (var (name, node) in block)
        {
            var pointer = "/parameters/" + PositionMap.Escape(name);
            var declaration = node!.AsObject();
            ParameterTypeNames.TryParse(declaration["type"]!.GetValue<string>(), out var type);
            var written = declaration["default"];
            if (!ParameterValue.TryRead(written, type, out var value, out var problem, out var at))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ParameterDeclarationInvalid, positions.FindValue(pointer + "/default" + at), $"parameter '{name}': the default {problem}", ruleId));
                continue;
            }

            declarations.Add(new ParameterDeclaration(name, type, declaration["description"]!.GetValue<string>(), value, written?.DeepClone(), positions.Find(pointer)));
        }

        return declarations;
    }

    /// <summary>A case's values, each declared by the rule and of its type; null (with diagnostics) when any is not.</summary>
    public static IReadOnlyDictionary<string, object>? ReadValues(JsonObject? values, string pointer, IReadOnlyList<ParameterDeclaration> declarations, PositionMap positions, string ruleId, ICollection<Diagnostic> diagnostics)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (name, node) in values ?? [])
        {
            var at = pointer + "/" + PositionMap.Escape(name);
            if (declarations.FirstOrDefault(d => d.Name == name) is not { } declaration)
            {
                var suggestion = ClosestName.Find(name, declarations.Select(d => d.Name));
                var hint = suggestion is not null ? $" (did you mean '{suggestion}'?)" : declarations.Count == 0 ? "; it declares none" : $"; it declares {string.Join(", ", declarations.Select(d => d.Name))}";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseParameterInvalid, positions.Find(at), $"the case sets parameter '{name}', which the rule does not declare under 'parameters:'{hint}", ruleId));
                ok = false;
            }
            else if (!ParameterValue.TryRead(node, declaration.Type, out var value, out var problem, out var item))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseParameterInvalid, positions.FindValue(at + item), $"parameter '{name}': the case's value {problem}", ruleId));
                ok = false;
            }
            else
            {
                result[name] = value;
            }
        }

        return ok ? result : null;
    }
}
