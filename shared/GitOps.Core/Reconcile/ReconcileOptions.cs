namespace GitOps.Core.Reconcile;

/// <summary>How reconcile jobs wait without sleeping inside a function. Section <c>GitOps:Reconcile</c>.</summary>
public sealed record ReconcileOptions
{
    /// <summary>Delay before a job waiting for CustomResourceDefinitions to be established looks again. Default 5 seconds.</summary>
    public TimeSpan CrdPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before a job whose app × cluster lease is held elsewhere runs again. Default 15 seconds.</summary>
    public TimeSpan LeaseBusyDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Objects of one kind dry-run or applied at once (kinds themselves go in order). Default 8.</summary>
    public int ApplyConcurrency { get; init; } = 8;
}
