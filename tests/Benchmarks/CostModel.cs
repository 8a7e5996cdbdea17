using System.Globalization;

namespace Benchmarks;

/// <summary>The estate the cost table prices: how much work a day brings (defaults: issue 11's estate).</summary>
public sealed record Estate(int Apps = 100, int Clusters = 3, int PollSeconds = 60, int PushMinutes = 10, int DriftMinutes = 5, double InstanceMemoryGb = 2)
{
    public int Pairs => Apps * Clusters;

    public int PollsPerDay => 86_400 / PollSeconds;

    public int PushesPerDay => 1_440 / PushMinutes;

    public int DriftTicksPerDay => 1_440 / DriftMinutes;
}

/// <summary>
/// List prices used for the estimate (USD, pay-as-you-go; docs/cost.md states their source, date and
/// which could not be confirmed from Azure's own page).
/// </summary>
public static class Prices
{
    public const double FlexGbSecond = 0.000026;
    public const double FlexPerMillionExecutions = 0.40;
    public const double FlexFreeGbSecondsPerMonth = 100_000;
    public const double FlexFreeExecutionsPerMonth = 250_000;
    public const double QueuePer10K = 0.004;
    public const double TablePer10K = 0.00036;
    public const double BlobWritePer10K = 0.055;
    public const double BlobReadPer10K = 0.0044;

    public static double Storage(Step s) =>
        (s.Queue * QueuePer10K + s.Table * TablePer10K + s.BlobWrite * BlobWritePer10K + s.BlobRead * BlobReadPer10K) / 10_000;
}

/// <summary>Scales the measured steps to a day of the estate, and prices it.</summary>
public static class CostModel
{
    /// <summary>What one queue message adds to work measured by a direct call: put, receive, delete; one execution.</summary>
    private static readonly Step Message = new("message", 3, 0, 0, 0, 0, 1, 0, TimeSpan.Zero);

    public static void Print(Estate estate, Step push, Step sync, Step idlePoll, Step driftTick, Step scan)
    {
        // A push: the source worker's part once (measured push minus its one reconcile), then one reconcile per cluster.
        var perSync = sync.Plus(Message, "sync per cluster");
        var onePush = push.Minus(perSync, "source part").Plus(perSync.Times(estate.Clusters, "syncs"), "push");
        // A drift tick: the scheduler's part once (measured tick minus its one scan job), then one scan job per app x cluster.
        var perScan = scan.Plus(Message, "scan job");
        var oneTick = driftTick.Minus(perScan, "scheduler part").Plus(perScan.Times(estate.Pairs, "scans"), "drift tick");

        var idlePolls = estate.PollsPerDay - estate.PushesPerDay;
        var rows = new[]
        {
            idlePoll.Times(idlePolls, $"polls with nothing new ({idlePolls:N0})"),
            onePush.Times(estate.PushesPerDay, $"pushes ({estate.PushesPerDay}, x{estate.Clusters} clusters)"),
            oneTick.Times(estate.DriftTicksPerDay, $"drift ticks ({estate.DriftTicksPerDay}, x{estate.Pairs} scans)"),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  a day of {estate.Apps} apps x {estate.Clusters} clusters: poll every {estate.PollSeconds} s, a push every {estate.PushMinutes} min, drift scans every {estate.DriftMinutes} min, {estate.InstanceMemoryGb} GB instances"));
        Console.WriteLine("  per day                                   executions       queue       table    blob w/l     blob r      GB-s   storage USD");
        foreach (var r in rows)
        {
            Console.WriteLine(Row(r, estate));
        }

        var idleDay = rows[0].Plus(idlePoll.Times(estate.PushesPerDay, "polls"), "idle").Plus(rows[2], "idle estate (no push)");
        var busyDay = rows[0].Plus(rows[1], "day").Plus(rows[2], "with pushes");
        Console.WriteLine(Row(idleDay, estate));
        Console.WriteLine(Row(busyDay, estate));
        Console.WriteLine();
        Month(idleDay, estate);
        Month(busyDay, estate);

        var dominant = rows.OrderByDescending(r => Prices.Storage(r)).First();
        Console.WriteLine($"  dominant storage cost: {dominant.Name}");
    }

    private static string Row(Step r, Estate estate) => string.Create(CultureInfo.InvariantCulture,
        $"  {r.Name,-40} {r.Executions,11:N0} {r.Queue,11:N0} {r.Table,11:N0} {r.BlobWrite,11:N0} {r.BlobRead,10:N0} {GbSeconds(r, estate),9:N0} {Prices.Storage(r),13:F4}");

    private static void Month(Step day, Estate estate)
    {
        var executions = day.Executions * 30.0;
        var gbs = GbSeconds(day, estate) * 30;
        var compute = Math.Max(0, gbs - Prices.FlexFreeGbSecondsPerMonth) * Prices.FlexGbSecond
            + Math.Max(0, executions - Prices.FlexFreeExecutionsPerMonth) / 1e6 * Prices.FlexPerMillionExecutions;
        var computeNoGrant = gbs * Prices.FlexGbSecond + executions / 1e6 * Prices.FlexPerMillionExecutions;
        var storage = Prices.Storage(day) * 30;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  month, {day.Name,-22}: storage transactions {storage,6:F2} USD + Flex {compute,6:F2} USD after the free grant ({computeNoGrant:F2} without it) = {storage + compute,6:F2} USD; {executions:N0} executions, {gbs:N0} GB-s"));
    }

    // Billed memory-time: each step's measured wall time on this machine at the instance size, with no
    // credit for executions overlapping on one instance (an upper bound).
    private static double GbSeconds(Step r, Estate estate) => r.Wall.TotalSeconds * estate.InstanceMemoryGb;
}
