using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// .gitlab-ci.yml validates against GitLab's published CI schema (vendored in Delivery/Schemas with
/// its licence notice), and keeps the delivery shape: the five stages, a manual deploy from the
/// default branch only, signing in with a GitLab OIDC token for Azure.
/// </summary>
public sealed class GitLabCiSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Delivery", "Schemas", "gitlab-ci.schema.json"))));

    private static JsonNode CiFile() => Yaml.ToJson(File.ReadAllText(Repository.File(".gitlab-ci.yml")));

    [Fact]
    public void GitLabCi_ValidatesAgainstGitLabsSchema()
    {
        var result = Validate(CiFile());

        Assert.True(result.IsValid, ".gitlab-ci.yml does not match GitLab's CI schema:\n" + Errors(result));
    }

    [Fact]
    public void ConfigRepositoryTemplate_ValidatesAgainstGitLabsSchema_AndRunsValidateAndDiffOnMergeRequests()
    {
        var template = Yaml.ToJson(File.ReadAllText(Repository.File("templates/gitops-config.gitlab-ci.yml")));

        var result = Validate(template);

        Assert.True(result.IsValid, "templates/gitops-config.gitlab-ci.yml does not match GitLab's CI schema:\n" + Errors(result));
        Assert.Contains("gitops validate . --registry \"$GITOPS_REGISTRY\"", string.Join('\n', template["gitops-validate"]!["script"]!.AsArray().Select(s => (string)s!)), StringComparison.Ordinal);
        var diff = string.Join('\n', template["gitops-diff"]!["script"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("gitops diff \"$app\" --dir .", diff, StringComparison.Ordinal);
        Assert.Contains("/merge_requests/$CI_MERGE_REQUEST_IID/notes", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLabCi_WithAnUnknownJobKeyword_FailsTheSchema()
    {
        var ci = CiFile();
        ci["deploy"]!["when_manual"] = true;
        ci["package"]!["artifacts"]!["expire_in"] = 7;

        var result = Validate(ci);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void GitLabCi_DeliversInFiveStages_DeployManualFromDefaultBranchWithOidc()
    {
        var ci = CiFile();
        var deploy = ci["deploy"]!;
        var azure = ci[".azure"]!;

        Assert.Equal(["build", "test", "infra", "package", "deploy"], ci["stages"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(".azure", (string?)deploy["extends"]);
        var rule = Assert.Single(deploy["rules"]!.AsArray());
        Assert.Equal("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", (string?)rule!["if"]);
        Assert.Equal("manual", (string?)rule["when"]);
        Assert.Equal("api://AzureADTokenExchange", (string?)azure["id_tokens"]!["AZURE_ID_TOKEN"]!["aud"]);
        var script = string.Join('\n', azure["before_script"]!.AsArray().Concat(deploy["script"]!.AsArray()).Select(s => (string)s!));
        Assert.Contains("az login --service-principal", script, StringComparison.Ordinal);
        Assert.Contains("--federated-token \"$AZURE_ID_TOKEN\"", script, StringComparison.Ordinal);
        Assert.Contains("az functionapp deploy", script, StringComparison.Ordinal);
        Assert.Contains("--type zip", script, StringComparison.Ordinal);
        Assert.Contains("registry apply", script, StringComparison.Ordinal);
    }

    private static EvaluationResults Validate(JsonNode document) =>
        Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });

    // The deepest locations first: the branches of a oneOf/anyOf that failed higher up are mostly noise.
    private static string Errors(EvaluationResults result) =>
        string.Join('\n', (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .OrderByDescending(d => d.InstanceLocation.ToString().Count(c => c == '/'))
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation}: {e.Value}")).Distinct().Take(30));

    /// <summary>YAML to JSON as GitLab reads it: plain scalars typed (bool, int, null), quoted ones strings.</summary>
    private static class Yaml
    {
        public static JsonNode ToJson(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return Convert(stream.Documents[0].RootNode)!;
        }

        private static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
        };

        private static JsonNode? Plain(string? value) => value switch
        {
            null or "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
