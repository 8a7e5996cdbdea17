using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// What a compiled ARM template (main.bicep built to JSON, modules nested) provisions: queue, table
/// and container names, and the app setting names it sets. Names come from literal resource names
/// or from the array variable a resource loop copies over (<c>variables('queueNames')[copyIndex()]</c>).
/// </summary>
internal sealed partial class ProvisionedTemplate
{
    private const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";

    private ProvisionedTemplate(JsonObject template)
    {
        foreach (var (scope, deploymentParameters) in Templates(template, null))
        {
            foreach (var resource in Resources(scope))
            {
                var target = (string?)resource["type"] switch
                {
                    QueueType => Queues,
                    TableType => Tables,
                    ContainerType => Containers,
                    _ => null,
                };
                target?.UnionWith(Names(scope, deploymentParameters, resource));
            }
        }

        CollectSettings(template);
    }

    public HashSet<string> Queues { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Tables { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every <c>{ name, value }</c> pair's literal name, as JSON or as <c>createObject('name', ..., 'value', ...)</c>: the function app's <c>siteConfig.appSettings</c> entries.</summary>
    public HashSet<string> Settings { get; } = new(StringComparer.Ordinal);

    public static ProvisionedTemplate Read(JsonObject compiled) => new(compiled);

    /// <summary>The template and every nested deployment's template, each with the parameters its deployment passes.</summary>
    private static IEnumerable<(JsonObject Template, JsonObject? Parameters)> Templates(JsonObject template, JsonObject? parameters)
    {
        yield return (template, parameters);
        foreach (var resource in Resources(template).Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Templates(nested, resource["properties"]?["parameters"] as JsonObject))
                {
                    yield return inner;
                }
            }
        }
    }

    // Bicep emits resources as an array, or as an object keyed by symbolic name (languageVersion 2.0).
    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static IEnumerable<string> Names(JsonObject template, JsonObject? parameters, JsonObject resource)
    {
        var name = (string?)resource["name"] ?? string.Empty;
        var loop = CopiedVariable().Match(name);
        if (loop.Success)
        {
            var items = template["variables"]?[loop.Groups["var"].Value] as JsonArray ?? [];
            return items.Select(i => Resolve(template, parameters, (string?)i)).OfType<string>();
        }

        var literal = LastLiteralSegment().Match(name);
        return literal.Success ? [literal.Groups["last"].Value] : [];
    }

    /// <summary>A literal, or <c>[parameters('x')]</c> resolved to what the deployment passes or the default.</summary>
    private static string? Resolve(JsonObject template, JsonObject? parameters, string? value)
    {
        if (value is null || !value.StartsWith('['))
        {
            return value;
        }

        var parameter = ParameterReference().Match(value);
        if (!parameter.Success)
        {
            return null;
        }

        var key = parameter.Groups["name"].Value;
        var passed = (string?)(parameters?[key]?["value"] as JsonValue);
        return passed is { } p && !p.StartsWith('[') ? p : (string?)(template["parameters"]?[key]?["defaultValue"] as JsonValue);
    }

    private void CollectSettings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.Count == 2 && o["name"] is JsonValue name && name.TryGetValue<string>(out var setting) && o.ContainsKey("value") && !setting.StartsWith('['))
                {
                    Settings.Add(setting);
                }

                foreach (var (_, child) in o)
                {
                    CollectSettings(child);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var expression) && expression.StartsWith('['):
                // An app settings list built from variables compiles to one expression of createObject calls.
                foreach (Match pair in CreatedSetting().Matches(expression))
                {
                    Settings.Add(pair.Groups["name"].Value);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectSettings(child);
                }

                break;
        }
    }

    [GeneratedRegex(@"variables\('(?<var>\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopiedVariable();

    [GeneratedRegex(@"^\[format\('[^']*', .*'(?<last>[a-z0-9-]+)'\)\]$|^(?<last>[a-z0-9-]+)$")]
    private static partial Regex LastLiteralSegment();

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value'")]
    private static partial Regex CreatedSetting();

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex ParameterReference();
}
