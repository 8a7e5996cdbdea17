namespace KubeEmulator;

/// <summary>How the emulator's simulated deployment controller reports a rollout.</summary>
public enum RolloutMode
{
    /// <summary>Available as soon as written: all replicas updated, ready and available (the default).</summary>
    Immediate,

    /// <summary>Progressing until <see cref="EmulatorOptions.RolloutDelay"/> has passed (on the injected clock), then available.</summary>
    Delayed,

    /// <summary>Progressing forever with no available replicas.</summary>
    Stuck,

    /// <summary>Progressing=False with reason ProgressDeadlineExceeded, as a rollout that timed out.</summary>
    Failed,
}
