namespace GitOps.Core.Apply;

/// <summary>
/// Runs an operation over objects already in apply order: kind after kind, in that order, and the
/// objects of one kind concurrently (bounded), so a large app costs round trips per kind rather
/// than per object. Results keep the input order.
/// </summary>
public static class KindBatches
{
    /// <param name="objects">Objects in apply order (objects of a kind are adjacent).</param>
    /// <param name="concurrency">Objects of one kind in flight at once.</param>
    /// <param name="operation">The per-object operation.</param>
    /// <param name="completed">Receives each result as soon as it is known (also when another object of the batch fails).</param>
    public static async Task RunAsync<TResult>(
        IReadOnlyList<DesiredObject> objects, int concurrency, Func<DesiredObject, CancellationToken, Task<TResult>> operation, Action<TResult> completed, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < objects.Count)
        {
            var end = start;
            while (end < objects.Count && objects[end].Ref.Kind == objects[start].Ref.Kind && objects[end].Ref.Group == objects[start].Ref.Group)
            {
                end++;
            }

            var batch = Enumerable.Range(start, end - start).ToList();
            var results = new TResult[batch.Count];
            var done = new bool[batch.Count];
            try
            {
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (index, ct) =>
                {
                    results[index - start] = await operation(objects[index], ct).ConfigureAwait(false);
                    done[index - start] = true;
                }).ConfigureAwait(false);
            }
            finally
            {
                for (var i = 0; i < results.Length; i++)
                {
                    if (done[i])
                    {
                        completed(results[i]);
                    }
                }
            }

            start = end;
        }
    }
}
