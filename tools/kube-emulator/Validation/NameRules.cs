using System.Text.RegularExpressions;

namespace KubeEmulator.Validation;

/// <summary>The API server's name formats and their exact error texts.</summary>
internal static partial class NameRules
{
    public const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>The problems with <paramref name="name"/> under the rule the kind uses; empty when valid.</summary>
    public static IEnumerable<string> Check(string kind, string name)
    {
        switch (kind)
        {
            case "Namespace":
                return Label(name, LabelPattern(), LabelMessage);
            case "Service":
                return Label(name, Dns1035Pattern(), Dns1035Message);
            case "Role" or "RoleBinding" or "ClusterRole" or "ClusterRoleBinding":
                return name.Contains('/') || name.Contains('%') || name is "." or ".."
                    ? [$"may not contain '/' or '%'"]
                    : [];
            default:
                return Subdomain(name);
        }
    }

    public static IEnumerable<string> Subdomain(string name)
    {
        if (name.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!SubdomainPattern().IsMatch(name))
        {
            yield return SubdomainMessage;
        }
    }

    public static bool IsLabelValue(string value) => value.Length <= 63 && LabelValuePattern().IsMatch(value);

    private static IEnumerable<string> Label(string name, Regex pattern, string message)
    {
        if (name.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!pattern.IsMatch(name))
        {
            yield return message;
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Pattern();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValuePattern();
}
