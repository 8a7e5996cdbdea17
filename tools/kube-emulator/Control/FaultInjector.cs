using KubeEmulator.Http;

namespace KubeEmulator.Control;

/// <summary>The armed <see cref="FaultRule"/>s; each matching request consumes one use of the first rule that matches.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Count, "FaultRule.Count must be at least 1.");
        }

        if (rule.StatusCode is not 0 and (< 400 or > 599))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.StatusCode, "FaultRule.StatusCode must be an HTTP error code (4xx or 5xx), or 0 for a delay only.");
        }

        if (rule.Delay < TimeSpan.Zero || (rule.StatusCode == 0 && rule.Delay == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Delay, "FaultRule.Delay must not be negative, and must be positive when StatusCode is 0.");
        }

        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Active()
    {
        lock (_gate)
        {
            return [.. _rules.Select(r => r.Rule with { Count = r.Remaining })];
        }
    }

    /// <summary>The delay to hold the request for and the error to answer instead of serving it (null: serve it); null when no rule matches.</summary>
    public (TimeSpan Delay, KubeStatusException? Error)? Take(string verb, bool isApply, string resource, string? ns, string? name)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if (!Matches(rule, verb, isApply, resource, ns, name))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    _rules.RemoveAt(i);
                }
                else
                {
                    _rules[i] = (rule, remaining - 1);
                }

                return (rule.Delay, rule.StatusCode == 0 ? null : ErrorFor(rule, resource, name));
            }
        }

        return null;
    }

    private static bool Matches(FaultRule rule, string verb, bool isApply, string resource, string? ns, string? name)
    {
        var verbMatches = rule.Verb switch
        {
            null or "" or "*" => true,
            "apply" => isApply,
            _ => string.Equals(rule.Verb, verb, StringComparison.OrdinalIgnoreCase),
        };
        return verbMatches
            && (rule.Resource is null or "*" || string.Equals(rule.Resource, resource, StringComparison.OrdinalIgnoreCase))
            && (rule.Namespace is null or "*" || rule.Namespace == ns)
            && (rule.Name is null or "*" || rule.Name == name);
    }

    private static KubeStatusException ErrorFor(FaultRule rule, string resource, string? name) => rule.StatusCode switch
    {
        429 => new KubeStatusException(429, "TooManyRequests", rule.Message ?? "Too many requests, please try again later.",
            new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = rule.RetryAfterSeconds }, rule.RetryAfterSeconds),
        409 => new KubeStatusException(409, "Conflict", rule.Message ??
            $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["kind"] = resource }),
        404 => new KubeStatusException(404, "NotFound", rule.Message ?? $"{resource} \"{name}\" not found",
            new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["kind"] = resource }),
        422 => new KubeStatusException(422, "Invalid", rule.Message ?? $"{resource} \"{name}\" is invalid: injected fault"),
        503 => new KubeStatusException(503, "ServiceUnavailable", rule.Message ?? "the server is currently unable to handle the request",
            null, rule.RetryAfterSeconds),
        504 => new KubeStatusException(504, "Timeout", rule.Message ?? "the server was unable to return a response in the time allotted, but may still be processing the request"),
        _ => new KubeStatusException(rule.StatusCode, rule.StatusCode == 500 ? "InternalError" : "", rule.Message ?? "Internal error occurred: injected fault"),
    };
}
