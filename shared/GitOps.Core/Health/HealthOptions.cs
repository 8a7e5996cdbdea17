namespace GitOps.Core.Health;

/// <summary>How health checks wait without sleeping inside a function. Section <c>GitOps:Health</c>.</summary>
public sealed record HealthOptions
{
    /// <summary>Delay from the end of a sync to its first health check. Default 10 seconds.</summary>
    public TimeSpan FirstCheckDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an app may stay Progressing after its sync before it is Degraded. Default 5 minutes.
    /// An app whose registry entry sets another <c>healthTimeout</c> than the default uses its own.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the second check; each later one doubles it, up to <see cref="MaxRecheckInterval"/>. Default 5 seconds.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between checks. Default 60 seconds.</summary>
    public TimeSpan MaxRecheckInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The delay before check number <paramref name="attempt"/> + 1: 5 s, 10 s, 20 s... capped.</summary>
    public TimeSpan RecheckDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(RecheckInterval.Ticks * factor, MaxRecheckInterval.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
