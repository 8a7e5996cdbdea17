using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Core;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// The app settings the function app reads, found by running the code rather than listing them:
/// the core services are registered against a configuration that records every key asked for, every
/// options type they register is bound, and the trigger bindings' <c>%setting%</c> references and
/// connections are read from functions.metadata. Keys are returned as app setting names
/// (<c>GitOps:Reconcile:ApplyConcurrency</c> → <c>GitOps__Reconcile__ApplyConcurrency</c>).
/// </summary>
internal static partial class SettingsTheAppReads
{
    /// <summary>Read by the Functions host itself, not the worker code: telemetry.</summary>
    private static readonly string[] HostSettings = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    public static SortedSet<string> Find()
    {
        var recording = new RecordingSource();
        var configuration = new ConfigurationBuilder().Add(recording).Build();
        var services = new ServiceCollection().AddLogging().AddGitOpsCore(configuration);
        using var provider = services.BuildServiceProvider();

        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct();
        foreach (var type in optionsTypes)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Try(() => options.GetType().GetProperty("Value")!.GetValue(options));
        }

        // Built on first use by the services that need them; each reads its own settings.
        Try(() => provider.GetRequiredService<StorageAccount>());
        Try(() => provider.GetRequiredService<GitOps.Core.Messaging.QueueSettings>());

        var settings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in Leaves(recording.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)))
        {
            settings.Add(key.Replace(":", "__", StringComparison.Ordinal));
        }

        foreach (var binding in Bindings())
        {
            foreach (Match reference in SettingReference().Matches(binding.ToJsonString()))
            {
                settings.Add(reference.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal));
            }

            if ((string?)binding["type"] is "queueTrigger" or "queue")
            {
                settings.Add((string?)binding["connection"] is { Length: > 0 } connection ? connection : StorageOptions.ConnectionSetting);
            }
        }

        settings.UnionWith(HostSettings);
        return settings;
    }

    /// <summary>
    /// The registry fields that name a setting (a source's token, a cluster's kubeconfig, ...): the
    /// operator creates those settings, one per entry, so infra/README.md must say how.
    /// </summary>
    public static SortedSet<string> RegistrySettingFields()
    {
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        var registryTypes = typeof(SourceDefinition).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(SourceDefinition).Namespace);
        foreach (var type in registryTypes)
        {
            foreach (var property in type.GetProperties().Where(p => p.Name.EndsWith("Setting", StringComparison.Ordinal) && p.PropertyType == typeof(string)))
            {
                fields.Add(char.ToLowerInvariant(property.Name[0]) + property.Name[1..]);
            }
        }

        return fields;
    }

    /// <summary>
    /// The keys that are settings, not sections: a key another read key sits under is a section
    /// (<c>GitOps:Health</c>), unless it is a value the binder converts from a string and whose
    /// members the probe made it walk too (<c>GitOps:Health:Timeout:Ticks</c> under a TimeSpan).
    /// </summary>
    private static IEnumerable<string> Leaves(HashSet<string> keys)
    {
        var convertedMembers = new[] { typeof(string), typeof(TimeSpan), typeof(DateTimeOffset), typeof(DateTime), typeof(Uri), typeof(Version), typeof(Guid) }
            .SelectMany(t => t.GetProperties().Select(p => p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var scalar = keys.Where(k => keys.Any(c => IsChild(c, k)) && keys.Where(c => IsChild(c, k)).All(c => convertedMembers.Contains(c[(k.Length + 1)..])))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return keys.Where(k => scalar.Contains(k) || (!keys.Any(c => IsChild(c, k)) && !scalar.Any(s => k.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase))));

        static bool IsChild(string candidate, string parent) =>
            candidate.Length > parent.Length + 1 && candidate.StartsWith(parent + ":", StringComparison.OrdinalIgnoreCase) && candidate.IndexOf(':', parent.Length + 1) < 0;
    }

    private static IEnumerable<JsonObject> Bindings()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();
        return metadata.SelectMany(f => f!["bindings"]!.AsArray()).OfType<JsonObject>();
    }

    // Options validation and missing storage configuration throw here: the keys were read before that.
    private static void Try(Action read)
    {
        try
        {
            read();
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or System.Reflection.TargetInvocationException or FileNotFoundException or DirectoryNotFoundException)
        {
        }
    }

    [GeneratedRegex(@"%(?<key>[A-Za-z0-9_:.]+)%")]
    private static partial Regex SettingReference();

    private sealed class RecordingSource : IConfigurationSource
    {
        public ConcurrentDictionary<string, byte> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<string> Keys => Read.Keys;

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new RecordingProvider(this);
    }

    /// <summary>
    /// Records every key read. It also reports one made-up child under every section, because the
    /// binder only walks an options type's properties (reading each key) when its section has children.
    /// </summary>
    private sealed class RecordingProvider(RecordingSource source) : ConfigurationProvider
    {
        private const string Probe = "recording-probe";

        public override bool TryGet(string key, out string? value)
        {
            if (!key.Contains(Probe, StringComparison.Ordinal))
            {
                source.Read.TryAdd(key, 0);
            }

            return base.TryGet(key, out value);
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
            parentPath is null || parentPath.Contains(Probe, StringComparison.Ordinal)
                ? base.GetChildKeys(earlierKeys, parentPath)
                : base.GetChildKeys(earlierKeys, parentPath).Append(Probe);
    }
}
