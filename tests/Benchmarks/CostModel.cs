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

    /// <summary>The DriftScheduler timer itself: one status query, one execution (its queue puts belong to the cluster jobs).</summary>
    private static readonly Step Scheduler = new("scheduler", 0, 1, 0, 0, 0, 1, 0, TimeSpan.Zero);

    /// <summary>
    /// Prices a day. A drift tick is linear in the apps of a cluster: <paramref name="tick1"/> and
    /// <paramref name="tickN"/> (the same cluster with 1 and <paramref name="apps"/> unchanged apps) give the
    /// per-app and per-cluster parts; <paramref name="compared"/> is one app compared in full, what an app
    /// whose objects were written since the last scan costs.
    /// </summary>
    public static void Print(Estate estate, Step push, Step sync, Step idlePoll, Step tick1, Step tickN, int apps, Step compared)
    {
        // A push: the source worker's part once (measured push minus its one reconcile), then one reconcile per cluster.
        var perSync = sync.Plus(Message, "sync per cluster");
        var onePush = push.Minus(perSync, "source part").Plus(perSync.Times(estate.Clusters, "syncs"), "push");

        // A drift tick: the scheduler once, then per cluster one job (its message, registry and status
        // queries) plus its apps' part, which for unchanged apps is API requests and time, no storage.
        var perApp = tickN.Minus(tick1, "per app").Times(1.0 / (apps - 1), "per app");
        var perCluster = tick1.Minus(perApp, "cluster").Minus(Scheduler, "cluster job");
        var oneTick = Scheduler.Plus(perCluster.Times(estate.Clusters, "cluster jobs"), "tick").Plus(perApp.Times(estate.Pairs, "apps"), "drift tick");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  drift tick model: per cluster job {perCluster.Total} storage transactions, {perCluster.Executions} execution(s), {perCluster.Wall.TotalMilliseconds:F0} ms; per unchanged app {perApp.Total:F0} transactions, {perApp.Wall.TotalMilliseconds:F1} ms"));

        // While nothing changes, each app's LastDriftScanAt is refreshed hourly: a read and a replace of its status row.
        var refresh = new Step("refresh", 0, 2, 0, 0, 0, 0, 0, TimeSpan.Zero).Times(estate.Pairs * 24, $"hourly status refresh (x{estate.Pairs}, modeled)");
        var idlePolls = estate.PollsPerDay - estate.PushesPerDay;
        var rows = new[]
        {
            idlePoll.Times(idlePolls, $"polls with nothing new ({idlePolls:N0})"),
            onePush.Times(estate.PushesPerDay, $"pushes ({estate.PushesPerDay}, x{estate.Clusters} clusters)"),
            oneTick.Times(estate.DriftTicksPerDay, $"drift ticks ({estate.DriftTicksPerDay}, x{estate.Clusters} cluster jobs)"),
            refresh,
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  a day of {estate.Apps} apps x {estate.Clusters} clusters: poll every {estate.PollSeconds} s, a push every {estate.PushMinutes} min, drift scans every {estate.DriftMinutes} min, {estate.InstanceMemoryGb} GB instances"));
        Console.WriteLine("  per day                                   executions       queue       table    blob w/l     blob r      GB-s   storage USD");
        foreach (var r in rows)
        {
            Console.WriteLine(Row(r, estate));
        }

        var idleDay = rows[0].Plus(idlePoll.Times(estate.PushesPerDay, "polls"), "idle").Plus(rows[2], "idle").Plus(rows[3], "idle estate (no push)");
        var busyDay = rows[0].Plus(rows[1], "day").Plus(rows[2], "day").Plus(rows[3], "with pushes");
        Console.WriteLine(Row(idleDay, estate));
        Console.WriteLine(Row(busyDay, estate));
        Console.WriteLine();
        Month(idleDay, estate);
        Month(busyDay, estate);

        var dominant = rows.OrderByDescending(r => Prices.Storage(r)).First();
        Console.WriteLine($"  dominant storage cost: {dominant.Name}");

        // Apps whose objects are written between scans (an HPA's status, a controller's annotations) are compared in full.
        var tenth = compared.Minus(perApp, "compared").Times(estate.Pairs / 10.0 * estate.DriftTicksPerDay * 30, "10 % compared");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  each 10 % of app x cluster pairs whose objects change between scans adds {Prices.Storage(tenth):F2} USD/month of storage transactions and {GbSeconds(tenth, estate):N0} GB-s/month ({tenth.BlobRead:N0} blob reads, {tenth.Table:N0} table transactions)"));
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
