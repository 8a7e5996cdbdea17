using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GitOps.Core.Hosting;
using GitOps.Core.Messaging;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli.Local;

/// <summary>
/// Receives and handles one batch of a queue with the Functions host's semantics: a handled message
/// is deleted; a failed one becomes visible again after the visibility timeout; one that has failed
/// <see cref="QueueSettings.MaxDequeueCount"/> deliveries moves to <c>{queue}-poison</c>.
/// </summary>
public sealed class QueueProcessor
{
    private readonly QueueTrigger _binding;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueSettings _settings;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public QueueProcessor(QueueTrigger binding, StorageAccount storage, QueueSettings settings, IServiceProvider services, ILogger logger)
    {
        _binding = binding;
        _queue = storage.Queue(binding.Queue);
        _poison = storage.Queue(binding.Queue + StorageNames.PoisonSuffix);
        _settings = settings;
        _services = services;
        _logger = logger;
    }

    public string QueueName => _binding.Queue;

    /// <summary>Handles up to one batch. Returns the number of messages received.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(_settings.BatchSize, _settings.ProcessingLease, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
        return messages.Length;
    }

    /// <summary>Messages in the queue, including invisible ones (being processed or waiting to retry).</summary>
    public async Task<int> ApproximateCountAsync(CancellationToken cancellationToken)
    {
        QueueProperties properties = await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.ApproximateMessagesCount;
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _binding.HandleAsync(_services, message.MessageText, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= _settings.MaxDequeueCount)
            {
                _logger.LogError("Message {MessageId} on {Queue} failed {Count} times; moved to {Poison}: {Error}", message.MessageId, _queue.Name, message.DequeueCount, _poison.Name, e.Message);
                await _poison.SendMessageAsync(message.MessageText, CancellationToken.None).ConfigureAwait(false);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                _logger.LogWarning("Message {MessageId} on {Queue} failed (delivery {Count} of {Max}); retried in {Delay}: {Error}", message.MessageId, _queue.Name, message.DequeueCount, _settings.MaxDequeueCount, _settings.VisibilityTimeout, e.Message);
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
