using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// The text of a server-side apply body. The API server decodes <c>application/apply-patch+yaml</c>
/// with a YAML decoder that refuses JSON surrogate escapes (<c>\ud83d\ude00</c>), which
/// System.Text.Json writes for every character outside the Basic Multilingual Plane: those are
/// written as the characters themselves (UTF-8 on the wire), everything else as JSON escapes it.
/// </summary>
public static partial class ApplyBody
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonObject obj)
        => SurrogatePair().Replace(obj.ToJsonString(Options), m => m.Groups["lead"].Value + (char)int.Parse(m.Groups["high"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) + (char)int.Parse(m.Groups["low"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>An escaped surrogate pair not itself escaped (an even run of backslashes before it).</summary>
    [GeneratedRegex(@"(?<lead>(?<!\\)(?:\\\\)*)\\u(?<high>[dD][89abAB][0-9a-fA-F]{2})\\u(?<low>[dD][c-fC-F][0-9a-fA-F]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex SurrogatePair();
}
