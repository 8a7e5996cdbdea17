using GitOps.Core.Planning;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Rendering;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Stage render: the app's path of a checked-out revision, as objects. The files the render read are
/// recorded for path-aware planning; a failed render records none, so the app is planned on every
/// commit until it renders again (the fix may be in a file the failed render never reached).
/// </summary>
public sealed class RenderStage
{
    private readonly ManifestRenderer _renderer;
    private readonly RenderInputStore _inputs;
    private readonly GitSourceCache _git;
    private readonly RegistryStore _registry;
    private readonly ILogger<RenderStage> _logger;

    public RenderStage(ManifestRenderer renderer, RenderInputStore inputs, GitSourceCache git, RegistryStore registry, ILogger<RenderStage> logger)
    {
        _renderer = renderer;
        _inputs = inputs;
        _git = git;
        _registry = registry;
        _logger = logger;
    }

    /// <exception cref="StageFailedException">The render failed; the problem names the file and line.</exception>
    public async Task<RenderResult> RenderAsync(AppDefinition app, string revision, string checkout, CancellationToken cancellationToken)
    {
        RenderResult result;
        var remoteBases = RemoteBaseFetcher.For(_git, _registry, app);
        try
        {
            result = Render(app, checkout, remoteBases);
        }
        catch (StageFailedException)
        {
            await _inputs.RecordAsync(app.Source, new RenderInputs(app.Name, app.Path, revision, Unknown), cancellationToken).ConfigureAwait(false);
            throw;
        }

        // A branch of another repository moves without a commit here: plan the app on every commit of its source.
        await _inputs.RecordAsync(app.Source, new RenderInputs(app.Name, app.Path, revision, remoteBases.UsedFloatingRef ? Unknown : result.Inputs), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Inputs that stand for "unknown": the whole repository.</summary>
    private static readonly IReadOnlyList<string> Unknown = [string.Empty];

    private RenderResult Render(AppDefinition app, string checkout, IRemoteBases remoteBases)
    {
        try
        {
            var result = _renderer.Render(new RenderRequest(checkout, app.Path)
            {
                Variables = app.Variables,
                StrictVariables = app.StrictVariables,
                RemoteBases = remoteBases,
            });
            _logger.LogDebug("Rendered {Count} object(s) from {Path}", result.Objects.Count, app.Path);
            foreach (var warning in result.Warnings)
            {
                _logger.LogWarning("Render warning: {Warning}", warning);
            }

            return result;
        }
        catch (RenderException e)
        {
            var subject = e.File is null ? app.Path : e.Line is null ? e.File : $"{e.File}:{e.Line}";
            var prefix = $"{subject}: ";
            var reason = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            throw new StageFailedException(ReconcileStage.Render, e.File is null ? new StageProblem(string.Empty, e.Message) : new StageProblem(subject, reason), e);
        }
    }
}
