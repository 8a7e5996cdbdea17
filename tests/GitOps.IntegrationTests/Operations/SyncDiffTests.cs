using GitOps.Cli.Commands;
using GitOps.Core.Operations;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Operations;

/// <summary><c>gitops diff</c> on the emulator: a server-side dry run per object, nothing written.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SyncDiffTests
{
    private readonly PipelineFixture _fixture;

    public SyncDiffTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task OneLineChange_IsAOneLineDiff_AndPruneCandidatesAreListed_NothingIsWritten()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Write("app/old.yaml", Manifests.ConfigMap("old", "bye"));
        pipeline.Repo.Write("app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: canary-diff-55\n");
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();

        var unchanged = await pipeline.Get<SyncDiff>().PreviewAsync(pipeline.App, null, null, null, default);
        Assert.False(unchanged.Changed, string.Join('\n', unchanged.Changes.Select(c => c.Diff)));

        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello, world"));
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Write("app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: canary-diff-66\n");
        pipeline.Repo.Commit("one line, one file gone, a new password");
        _fixture.Emulator.Control.ResetRequests();

        var preview = await pipeline.Get<SyncDiff>().PreviewAsync(pipeline.App, "emulator", null, null, default);

        var config = Assert.Single(preview.Changes, c => c.Object == $"ConfigMap/{pipeline.Namespace}/settings").Diff;
        var changed = config.Split('\n').Where(l => (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)).ToList();
        Assert.Equal(["-  greeting: hello", "+  greeting: hello, world"], changed);
        Assert.Equal([$"ConfigMap/{pipeline.Namespace}/old"], preview.Prune);
        var secret = Assert.Single(preview.Changes, c => c.Object == $"Secret/{pipeline.Namespace}/db").Diff;
        Assert.DoesNotContain("canary-diff", secret, StringComparison.Ordinal);
        Assert.Contains("hmac-sha256:", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Emulator.Control.Requests, r => r.PatchType == "apply" && !r.DryRun);
        Assert.DoesNotContain(_fixture.Emulator.Control.Requests, r => r.Verb == "delete");

        using var output = new StringWriter();
        Assert.Equal(DiffCommand.ChangesExitCode, DiffCommand.Print(preview, output));
        Assert.Contains($"prune: ConfigMap/{pipeline.Namespace}/old", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, DiffCommand.Print(unchanged, new StringWriter()));
    }
}
