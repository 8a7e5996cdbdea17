using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace GitOps.Core.Storage;

/// <summary>
/// A mutual-exclusion lease on <c>leases/{name}</c>, renewed in the background until disposed, so
/// that two instances never reconcile the same app × cluster at once. When a renewal fails (the
/// lease was broken or expired and taken), <see cref="Lost"/> is cancelled: work under the lease
/// links it into its cancellation token, so it stops before its next write.
/// </summary>
public sealed class BlobLease : IAsyncDisposable
{
    /// <summary>Lease duration; renewed every third of it.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;

    private BlobLease(string name, BlobLeaseClient lease, TimeProvider time)
    {
        Name = name;
        _lease = lease;
        _renewal = RenewAsync(time);
    }

    public string Name { get; }

    /// <summary>Cancelled when a renewal fails: the lease may now be someone else's.</summary>
    public CancellationToken Lost => _lost.Token;

    public static async Task<BlobLease> AcquireAsync(StorageAccount storage, string name, TimeProvider time, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageNames.LeasesContainer).GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The lease blob exists (possibly leased): fine.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new LeaseBusyException($"lease {name}: held by another instance; the job will be retried.");
        }

        return new BlobLease(name, lease, time);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewal.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Expired or lost: it frees itself.
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync(TimeProvider time)
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(Duration / 3, time, _stop.Token).ConfigureAwait(false);
            try
            {
                await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }
}
