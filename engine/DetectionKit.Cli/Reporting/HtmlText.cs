using System.Net;

namespace DetectionKit.Cli.Reporting;

/// <summary>Escaping for text and attribute values in the HTML report.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An attribute value; line breaks survive as character references so hover titles keep their lines.</summary>
    public static string Attribute(string text) => WebUtility.HtmlEncode(text).Replace("\n", "&#10;", StringComparison.Ordinal);
}
