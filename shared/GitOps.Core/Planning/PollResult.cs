namespace GitOps.Core.Planning;

/// <summary>What one CommitPoller tick did: one <c>source-changes</c> message per source.</summary>
/// <param name="SourcesQueued">Sources queued for a look.</param>
public sealed record PollResult(int SourcesQueued);
