using System.Text.RegularExpressions;
using GitOps.Core.Storage;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// The compiled infra/main.bicep provisions every queue (and its poison twin), table and container
/// that <see cref="StorageNames"/> names, and every setting the function app reads is either set by
/// the template or listed in infra/README.md as one the operator adds. A new queue or setting in the
/// code without infra fails here.
/// </summary>
public sealed partial class InfraFollowsCodeTests
{
    [BicepFact]
    public async Task Template_ProvisionsEveryQueueTableAndContainer_TheCodeNames()
    {
        var template = ProvisionedTemplate.Read(await BicepCli.MainTemplate.Value);

        Assert.Empty(MissingStorage(template));
    }

    [BicepFact]
    public async Task Template_WithAQueueRemoved_IsCaught()
    {
        using var copy = InfraCopy.Create();
        copy.Edit("modules/storage.bicep", s => s.Replace("  'health-checks-poison'\n", string.Empty, StringComparison.Ordinal));

        var template = ProvisionedTemplate.Read(await BicepCli.BuildAsync(copy.File("main.bicep")));

        Assert.Equal(["queue health-checks-poison"], MissingStorage(template));
    }

    [BicepFact]
    public async Task EverySettingTheAppReads_IsSetByTheTemplate_OrListedForTheOperator()
    {
        var template = ProvisionedTemplate.Read(await BicepCli.MainTemplate.Value);
        var listed = OperatorSettings(File.ReadAllText(Repository.File("infra", "README.md")));
        var read = SettingsTheAppReads.Find();

        var missing = read.Where(s => !Provided(s, template.Settings, listed)).ToList();

        Assert.Contains("AzureWebJobsStorage", read);
        Assert.Contains("GitOps__Schedules__CommitPoller", read);
        Assert.Contains("GitOps__Reconcile__ApplyConcurrency", read);
        Assert.True(missing.Count == 0,
            "Settings the function app reads that infra/main.bicep does not set and infra/README.md (\"Settings the operator adds\") does not list:\n  "
            + string.Join("\n  ", missing));
    }

    [BicepFact]
    public async Task ASettingTheCodeStartsReading_WithoutInfra_IsCaught()
    {
        var template = ProvisionedTemplate.Read(await BicepCli.MainTemplate.Value);
        var listed = OperatorSettings(File.ReadAllText(Repository.File("infra", "README.md")));

        Assert.False(Provided("GitOps__Channels__Slack__WebhookUrl", template.Settings, listed));
        Assert.True(Provided("GitOps__Schedules__DriftScheduler", template.Settings, listed));
    }

    [Fact]
    public void EveryRegistryFieldNamingASetting_IsExplainedInInfraReadme()
    {
        var readme = File.ReadAllText(Repository.File("infra", "README.md"));
        var fields = SettingsTheAppReads.RegistrySettingFields();

        Assert.Contains("kubeconfigSetting", fields);
        Assert.All(fields, f => Assert.True(readme.Contains($"`{f}`", StringComparison.Ordinal),
            $"infra/README.md does not say how to add the setting a registry entry's `{f}` names."));
    }

    private static List<string> MissingStorage(ProvisionedTemplate template)
    {
        var names = StorageNames.Default;
        return names.AllQueues().Where(q => !template.Queues.Contains(q)).Select(q => "queue " + q)
            .Concat(names.AllTables().Where(t => !template.Tables.Contains(t)).Select(t => "table " + t))
            .Concat(names.AllContainers().Where(c => !template.Containers.Contains(c)).Select(c => "container " + c))
            .ToList();
    }

    /// <summary>Set by the template, or by its section (<c>AzureWebJobsStorage__accountName</c> sets <c>AzureWebJobsStorage</c>), or listed.</summary>
    private static bool Provided(string setting, HashSet<string> templateSettings, IReadOnlyList<string> listed) =>
        templateSettings.Contains(setting)
        || templateSettings.Any(t => t.StartsWith(setting + "__", StringComparison.Ordinal))
        || listed.Any(l => l.EndsWith('*') ? setting.StartsWith(l[..^1], StringComparison.Ordinal) : l == setting);

    /// <summary>The backticked names in the first column of the README's "Settings the operator adds" table; <c>X__*</c> covers a section.</summary>
    internal static IReadOnlyList<string> OperatorSettings(string readme)
    {
        var start = readme.IndexOf("## Settings the operator adds", StringComparison.Ordinal);
        Assert.True(start >= 0, "infra/README.md has no \"## Settings the operator adds\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => FirstCellNames().Matches(l.Split('|')[1]).Select(m => m.Groups["name"].Value))
            .ToList();
    }

    [GeneratedRegex(@"`(?<name>[A-Za-z0-9_:.*]+)`")]
    private static partial Regex FirstCellNames();
}
