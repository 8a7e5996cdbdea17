using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.Core.Alerts;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Notifications;

/// <summary>Alerts reaching chat through real HTTP receivers: payload shapes, signatures, one message per problem, resolutions, retries, poison, bursts.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NotificationTests
{
    private static readonly string WebhookSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private readonly PipelineFixture _fixture;

    public NotificationTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task DriftAlert_ReachesEveryChannelInItsDocumentedFormat_AndTheWebhookSignatureVerifiesWithStandardWebhooks()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, ChannelType.Slack, ChannelType.Teams, ChannelType.GoogleChat, ChannelType.Webhook);
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");

        await pipeline.ScanAsync();

        var revision = (await pipeline.StatusAsync()).AppliedRevision![..12];
        var slack = Assert.Single(chat.Delivered("slack")).Json;
        Assert.Contains("Drift", (string?)slack["text"], StringComparison.Ordinal);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal(("header", "plain_text"), ((string?)blocks[0]!["type"], (string?)blocks[0]!["text"]!["type"]));
        Assert.StartsWith("🟠 Drift: " + pipeline.App + " on emulator", (string?)blocks[0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Equal(("section", "mrkdwn"), ((string?)blocks[1]!["type"], (string?)blocks[1]!["text"]!["type"]));
        Assert.Contains("spec.replicas", (string?)blocks[1]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Contains(blocks[1]!["fields"]!.AsArray(), f => ((string?)f!["text"])!.Contains(revision, StringComparison.Ordinal));
        Assert.Equal("context", (string?)blocks[2]!["type"]);
        Assert.Contains("drift-reports", (string?)blocks[2]!["elements"]![0]!["text"], StringComparison.Ordinal);

        var teams = Assert.Single(chat.Delivered("teams")).Json;
        Assert.Equal("message", (string?)teams["type"]);
        var attachment = Assert.Single(teams["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), ((string?)card["type"], (string?)card["version"]));
        Assert.Equal(["TextBlock", "TextBlock", "FactSet"], card["body"]!.AsArray().Select(b => (string?)b!["type"]));
        Assert.Contains(card["body"]![2]!["facts"]!.AsArray(), f => (string?)f!["title"] == "Cluster" && (string?)f["value"] == "emulator");
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["type"] == "Action.OpenUrl" && (string?)a["title"] == "Report");

        var google = Assert.Single(chat.Delivered("googlechat")).Json;
        Assert.Contains(pipeline.App, (string?)google["text"], StringComparison.Ordinal);
        var cardV2 = Assert.Single(google["cardsV2"]!.AsArray())!;
        Assert.NotNull((string?)cardV2["cardId"]);
        Assert.StartsWith("🟠 Drift", (string?)cardV2["card"]!["header"]!["title"], StringComparison.Ordinal);
        Assert.NotEmpty(cardV2["card"]!["sections"]![0]!["widgets"]!.AsArray());

        var hook = Assert.Single(chat.Delivered("webhook"));
        Assert.Equal(("alert.opened", "Drift", pipeline.App, "emulator"), ((string?)hook.Json["type"], (string?)hook.Json["data"]!["kind"], (string?)hook.Json["data"]!["app"], (string?)hook.Json["data"]!["cluster"]));
        Assert.StartsWith("v1,", hook.Headers["webhook-signature"], StringComparison.Ordinal);
        Assert.Equal("verified", await VerifyWithStandardWebhooksAsync(hook));
        Assert.NotEqual("verified", await VerifyWithStandardWebhooksAsync(hook with { Body = hook.Body.Replace("emulator", "emulat0r", StringComparison.Ordinal) }));
    }

    [Fact]
    public async Task OneDriftScannedFiveTimes_IsOneMessage_AndItsFixIsOneResolution()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, ChannelType.Slack);
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");

        for (var scan = 0; scan < 5; scan++)
        {
            await pipeline.ScanAsync();
        }

        Assert.Single(chat.Delivered("slack"));
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal((5, true), (alert.Count, alert.IsOpen));

        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":2}}""", "kubectl-edit");
        await pipeline.ScanAsync();
        await pipeline.ScanAsync();

        var messages = chat.Delivered("slack");
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("✅ Resolved Drift: " + pipeline.App, (string?)messages[1].Json["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Contains("no drift any more", (string?)messages[1].Json["text"], StringComparison.Ordinal);
        Assert.False(Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default)).IsOpen);
    }

    [Fact]
    public async Task AlertStillOpenAfterRenotifyAfter_IsARemindersWithItsCount_AndGitopsAlertsListsIt()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, [ChannelType.GoogleChat], new() { ["GitOps:Notifications:RenotifyAfter"] = "00:00:00.001" });
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");

        await pipeline.ScanAsync();
        await pipeline.ScanAsync();

        var messages = chat.Delivered("googlechat");
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("🟠 Still open (2x) Drift: " + pipeline.App, (string?)messages[1].Json["cardsV2"]![0]!["card"]!["header"]!["title"], StringComparison.Ordinal);

        using var table = new StringWriter();
        await GitOps.Cli.Commands.AlertsCommand.PrintAsync(pipeline.Runtime.Services, pipeline.App, openOnly: true, includeInfo: false, json: false, table, default);
        Assert.Matches($@"open\s+warning\s+Drift\s+{pipeline.App}\s+emulator\s+2\s", table.ToString());
        using var json = new StringWriter();
        await GitOps.Cli.Commands.AlertsCommand.PrintAsync(pipeline.Runtime.Services, pipeline.App, openOnly: false, includeInfo: true, json: true, json, default);
        var listed = System.Text.Json.Nodes.JsonNode.Parse(json.ToString())!.AsArray();
        Assert.Contains(listed, a => (string?)a!["kind"] == "Drift" && (string?)a["state"] == "open" && (int?)a["count"] == 2);
        Assert.Contains(listed, a => (string?)a!["kind"] == "Synced" && (string?)a["severity"] == "info");
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfter_ThenOk_IsDeliveredExactlyOnce()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, ChannelType.Teams);
        chat.AnswerNext("teams", (429, "1"));
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");
        var clock = Stopwatch.StartNew();

        await pipeline.ScanAsync();

        Assert.Equal([429, 200], chat.Received.Where(m => m.Path == "teams").Select(m => m.Answer));
        Assert.Single(chat.Delivered("teams"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"the retry came after {clock.Elapsed}, before the Retry-After of 1 s");
        Assert.Empty((await pipeline.Storage.Queue(StorageNames.NotificationsQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task ChannelThatIsDown_EndsInPoisonWithOneNotificationFailed_WhileTheOtherChannelGetsItsMessage()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, ChannelType.Slack, ChannelType.Webhook);
        chat.AnswerNext("webhook", Enumerable.Repeat((503, (string?)null), 100).ToArray());
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");

        await pipeline.ScanAsync();

        Assert.Empty(chat.Delivered("webhook"));
        Assert.Single((await pipeline.Storage.Queue(StorageNames.NotificationsQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(10)).Value);
        var failed = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(AlertCenter.ChannelSubject("webhook"), default));
        Assert.Equal((AlertKind.NotificationFailed, AlertSeverity.Error), (failed.Kind, failed.Severity));
        Assert.Contains("503", failed.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("T0KEN", failed.Summary, StringComparison.Ordinal);

        // The failure is told to the other channel, never to the one that failed.
        var slack = chat.Delivered("slack");
        Assert.Equal(2, slack.Count);
        Assert.StartsWith("🔴 Notification failed: channel:webhook", (string?)slack[1].Json["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Received, m => m.Path == "webhook" && m.Body.Contains("NotificationFailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BurstOfTwentyAlerts_IsAtMostFiveMessagesAndOneDigest()
    {
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, [ChannelType.Slack], new() { ["GitOps:Notifications:BurstWindow"] = "00:00:02" });
        var alerts = pipeline.Get<AlertCenter>();
        for (var i = 0; i < 20; i++)
        {
            await alerts.RaiseAsync(Alert.Of(pipeline.App, "emulator", AlertKind.SyncFailed, $"Sync failed: ConfigMap/{pipeline.Namespace}/c{i} was refused", DateTimeOffset.UtcNow, $"ConfigMap/c{i}"), default);
        }

        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(1), default);

        var messages = chat.Delivered("slack");
        Assert.Equal(6, messages.Count);
        var digest = messages[^1];
        Assert.Contains($"15 more alerts for {pipeline.App} on emulator", (string?)digest.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_NoSecretValueOrTokenReachesAnyMessage()
    {
        const string SecretValue = "canary-notify-91b2";
        await using var chat = await ChatReceiver.StartAsync();
        await using var pipeline = await StartAsync(chat, [ChannelType.Slack, ChannelType.Teams, ChannelType.GoogleChat, ChannelType.Webhook], settings: null, extraFiles: new()
        {
            ["app/secret.yaml"] = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: {SecretValue}\n",
        });
        Cluster.PatchObject("v1", "Secret", pipeline.Namespace, "db", "{\"data\":{\"password\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretValue + "-edited")) + "\"}}");

        await pipeline.ScanAsync();

        Assert.Equal(4, chat.Received.Count);
        foreach (var message in chat.Received)
        {
            foreach (var canary in new[] { SecretValue, Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretValue)), SecretValue + "-edited", "T0KEN", WebhookSecret })
            {
                Assert.DoesNotContain(canary, message.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(message.Headers.Values, v => v.Contains(canary, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>A synced app (a Deployment web with 2 replicas) and one channel per type on the chat receiver.</summary>
    private Task<TestPipeline> StartAsync(ChatReceiver chat, params ChannelType[] types) => StartAsync(chat, types, null);

    private async Task<TestPipeline> StartAsync(ChatReceiver chat, ChannelType[] types, Dictionary<string, string?>? settings, Dictionary<string, string>? extraFiles = null)
    {
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["GitOps:Notifications:Retry:BaseDelay"] = "00:00:00.010",
            ["GitOps:Notifications:Retry:MaxDelay"] = "00:00:02",
            ["WEBHOOK_SECRET"] = WebhookSecret,
        };
        foreach (var type in types)
        {
            all[$"CHAT_{type.ToString().ToUpperInvariant()}_URL"] = chat.Url(Path(type));
        }

        var pipeline = await TestPipeline.CreateAsync(_fixture, all);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        foreach (var (file, content) in extraFiles ?? [])
        {
            pipeline.Repo.Write(file, content);
        }

        pipeline.Repo.Commit("web");
        await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", pipeline.Repo.Path)],
            [new ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig)],
            [new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace }])
        {
            Notifications = types.Select(t => new NotificationChannel(Path(t), t, $"CHAT_{t.ToString().ToUpperInvariant()}_URL")
            {
                SecretSetting = t == ChannelType.Webhook ? "WEBHOOK_SECRET" : null,
            }).ToList(),
        });
        await pipeline.SyncAsync();
        return pipeline;
    }

    private static string Path(ChannelType type) => type.ToString().ToLowerInvariant();

    /// <summary>Verifies a delivery with the <c>standardwebhooks</c> npm package (the specification's reference library), not with our code.</summary>
    private static async Task<string> VerifyWithStandardWebhooksAsync(ChatReceiver.Message message)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(root, "package.json")))
        {
            root = System.IO.Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("package.json not found above the test output");
        }

        var folder = Directory.CreateTempSubdirectory("verify-").FullName;
        var script = System.IO.Path.Combine(folder, "verify.cjs");
        await File.WriteAllTextAsync(script, """
            const { Webhook } = require(process.argv[2]);
            const fs = require('fs');
            const headers = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
            try { new Webhook(process.argv[3]).verify(fs.readFileSync(process.argv[5], 'utf8'), headers); console.log('verified'); }
            catch (e) { console.log('rejected: ' + e.message); }
            """);
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "headers.json"), JsonSerializer.Serialize(message.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal)).ToDictionary()));
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "body.json"), message.Body);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, System.IO.Path.Combine(root, "node_modules", "standardwebhooks"), WebhookSecret, System.IO.Path.Combine(folder, "headers.json"), System.IO.Path.Combine(folder, "body.json") })
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        return node.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"node failed: {error}");
    }
}
