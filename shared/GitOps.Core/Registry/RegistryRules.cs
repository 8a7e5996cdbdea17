using System.Text.RegularExpressions;

namespace GitOps.Core.Registry;

/// <summary>
/// The rules one registry field must follow, shared by the file parser (which adds file and line)
/// and <see cref="RegistryValidator"/> (which adds the entry). Each check returns an error message
/// without a location, or null when the value is fine. Messages never repeat the value of a
/// setting-name field: a token pasted there by mistake must not reach a log.
/// </summary>
public static partial class RegistryRules
{
    public const int MaxNameLength = 63;

    /// <summary>Names of sources, clusters, apps and namespaces: DNS-1123 labels.</summary>
    public static string? CheckName(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > MaxNameLength || !Dns1123Label().IsMatch(value))
        {
            return $"'{value}' is not a DNS-1123 label: at most {MaxNameLength} lowercase letters, digits and '-', starting and ending with a letter or digit";
        }

        return null;
    }

    /// <summary>A clone URL: http(s) or file URL, or an absolute local path. No credentials in it.</summary>
    public static string? CheckUrl(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
        {
            if (uri.UserInfo.Length > 0)
            {
                // Do not echo the URL: it carries a password or token (user:pass@, or a bare TOKEN@ as GitLab accepts).
                return "must not carry credentials: name the setting that holds the token in tokenSetting";
            }

            return uri.Scheme != "file" && string.IsNullOrEmpty(uri.Host) ? $"'{value}' has no host" : null;
        }

        if (value.StartsWith('/'))
        {
            return null;
        }

        return $"'{value}' is not an http(s) or file URL, nor an absolute path";
    }

    /// <summary>A branch name, as git check-ref-format accepts it (the common subset).</summary>
    public static string? CheckBranch(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.StartsWith("refs/", StringComparison.Ordinal))
        {
            return $"'{value}' is a ref: give the branch name alone";
        }

        var bad = value.StartsWith('-') || value.StartsWith('/') || value.EndsWith('/') || value.EndsWith('.')
            || value.EndsWith(".lock", StringComparison.Ordinal) || value.Contains("..", StringComparison.Ordinal)
            || value.Contains("//", StringComparison.Ordinal) || value.Contains("@{", StringComparison.Ordinal)
            || value.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');
        return bad ? $"'{value}' is not a valid branch name" : null;
    }

    /// <summary>
    /// The name of an app setting / environment variable (tokenSetting, kubeconfigSetting). Never
    /// echoes the value: if it is wrong, it may well be the secret itself.
    /// </summary>
    public static string? CheckSettingName(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > 256 || !SettingName().IsMatch(value))
        {
            return "is not a setting name (letters, digits, '_', '.', ':' and '-', starting with a letter or '_'); " +
                "it must name the setting that holds the secret, never hold the secret itself";
        }

        return null;
    }

    /// <summary>A channel type as the registry file writes it: slack, teams, googlechat, webhook.</summary>
    public static string ChannelTypeName(ChannelType type) => type.ToString().ToLowerInvariant();

    public static ChannelType ParseChannelType(string value)
        => TryParseChannelType(value) ?? throw new InvalidDataException($"'{value}' is not a channel type");

    public static ChannelType? TryParseChannelType(string value)
        => Enum.GetValues<ChannelType>().Cast<ChannelType?>().FirstOrDefault(t => ChannelTypeName(t!.Value) == value);

    /// <summary>An alert kind as the registry file writes it, camelCase: drift, syncFailed, poisonJob.</summary>
    public static string AlertKindName(Alerts.AlertKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    public static Alerts.AlertKind? ParseAlertKind(string value)
        => Enum.GetValues<Alerts.AlertKind>().Cast<Alerts.AlertKind?>().FirstOrDefault(k => AlertKindName(k!.Value) == value);

    /// <summary>A post-build substitution variable name, as in Flux: <c>[_a-zA-Z][_a-zA-Z0-9]*</c>.</summary>
    public static string? CheckVariableName(string value) =>
        VariableName().IsMatch(value) ? null : $"'{value}' is not a variable name (letters, digits and '_', not starting with a digit)";

    /// <summary>A kubeconfig file path or context: anything non-empty.</summary>
    public static string? CheckNotEmpty(string value) => value.Length == 0 ? "must not be empty" : null;

    /// <summary>An API server URL: absolute https, without credentials.</summary>
    public static string? CheckServerUrl(string value)
        => !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps ? $"'{value}' is not an https URL"
            : uri.UserInfo.Length > 0 ? "the URL must not carry credentials: give them through tokenSetting"
            : null;

    /// <summary>An API root: https, or plain http on the loopback interface only (a local GitLab, a test double).</summary>
    public static string? CheckApiUrl(string value)
        => !Uri.TryCreate(value, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? $"'{value}' is not an https URL"
            : uri.UserInfo.Length > 0 ? "the URL must not carry credentials: give them through apiTokenSetting"
            : null;

    /// <summary>A GitLab project: its numeric id, or its full path (<c>group/subgroup/name</c>).</summary>
    public static string? CheckGitLabProject(string value)
        => value.Length > 0 && (value.All(char.IsAsciiDigit) || GitLabPath().IsMatch(value))
            ? null
            : $"'{value}' is not a GitLab project id or path such as group/name";

    /// <summary>A positive duration as Go and Flux write them: <c>90s</c>, <c>2m</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
    public static string? CheckDuration(string value)
        => DurationPattern().IsMatch(value) && ParseDuration(value) > TimeSpan.Zero
            ? null
            : $"'{value}' is not a positive duration such as 90s, 2m or 1h30m";

    /// <summary>Parses a duration accepted by <see cref="CheckDuration"/>.</summary>
    public static TimeSpan ParseDuration(string value)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in DurationPart().Matches(value))
        {
            var amount = double.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return total;
    }

    /// <summary>The shortest text <see cref="ParseDuration"/> reads back as <paramref name="value"/> (whole seconds or milliseconds).</summary>
    public static string FormatDuration(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return $"{(long)value.TotalMilliseconds}ms";
        }

        var text = (value.Hours + (value.Days * 24) is var h and > 0 ? $"{h}h" : string.Empty)
            + (value.Minutes > 0 ? $"{value.Minutes}m" : string.Empty)
            + (value.Seconds > 0 ? $"{value.Seconds}s" : string.Empty);
        return text.Length == 0 ? "0s" : text;
    }

    /// <summary>
    /// Normalises a path inside the repository: '/' separated, relative, no '..' leaving the
    /// repository. <c>./apps/web/</c> becomes <c>apps/web</c>; the root is <c>.</c>.
    /// </summary>
    /// <returns>The normalised path, or null with <paramref name="error"/> set.</returns>
    public static string? NormalizePath(string value, out string? error)
    {
        error = null;
        if (value.Length == 0)
        {
            error = "must not be empty (use '.' for the repository root)";
            return null;
        }

        if (value.Contains('\\', StringComparison.Ordinal))
        {
            error = $"'{value}' must use '/' as separator";
            return null;
        }

        if (value.StartsWith('/') || (value.Length >= 2 && value[1] == ':' && char.IsAsciiLetter(value[0])))
        {
            error = $"'{value}' must be relative to the repository root";
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in value.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    error = $"'{value}' leaves the repository";
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment.Any(char.IsControl))
            {
                error = $"'{value}' contains control characters";
                return null;
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? "." : string.Join('/', segments);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.:-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$")]
    private static partial Regex GitLabPath();
}
