namespace GitOps.Cli.Local;

/// <summary>A queue trigger of the local runtime: the queue (a <c>StorageNames</c> constant) and the core method it calls.</summary>
/// <param name="Queue">Queue name constant (the storage name prefix is applied by the listener).</param>
/// <param name="Handler">Called with the message text and its dequeue count; throwing means "retry".</param>
public sealed record QueueBinding(string Queue, Func<IServiceProvider, string, long, CancellationToken, Task> Handler);
