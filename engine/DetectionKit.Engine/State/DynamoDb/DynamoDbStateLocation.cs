using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// A state kept in a DynamoDB table, as <c>--state</c> (and a schedule's <c>state:</c>) names it:
/// <c>dynamodb://TABLE</c>. Anything else given as a state is a SQLite file's path.
/// </summary>
/// <param name="Table">The table name (3 to 255 of <c>A-Z a-z 0-9 _ . -</c>).</param>
public sealed partial record DynamoDbStateLocation(string Table)
{
    public const string Scheme = "dynamodb://";

    /// <summary>True when the text is meant as a DynamoDB state (it starts with <c>dynamodb://</c>), whether or not it is valid.</summary>
    public static bool IsDynamoDb(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>dynamodb://TABLE</c>; false with what is wrong (and the fix) when the table name is not one DynamoDB accepts.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DynamoDbStateLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        if (!IsDynamoDb(text))
        {
            error = $"'{text}' is not a DynamoDB state; write it as {Scheme}TABLE";
            return false;
        }

        var table = text[Scheme.Length..].TrimEnd('/');
        if (!TableName().IsMatch(table))
        {
            error = $"'{text}' does not name a DynamoDB table: a table name is 3 to 255 letters, digits, '_', '.' or '-' (such as {Scheme}detectionkit-state)";
            return false;
        }

        location = new DynamoDbStateLocation(table);
        error = null;
        return true;
    }

    public override string ToString() => Scheme + Table;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();
}
