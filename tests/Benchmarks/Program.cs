using Benchmarks;

// gitops render benchmark. Subcommands (default: compare, then scale):
//   compare [--sizes 1000,2000,4000] [--runs 3] [--overlay a] [--gitops PATH/gitops.dll] [--keep]
//   scale   [--sizes 1000,2000,4000,8000] [--iterations 5] [--overlay a]
//   bdn     [BenchmarkDotNet arguments, e.g. --filter *]
//   sync    [--objects 1000]    (the apply engine on the emulator: API calls per sync)
//   drift   [--objects 10000]   (a drift scan of 20 kinds on the emulator: API calls and wall time)
//   webhook [--objects 1000]    (apps of a monorepo behind the GitLab webhook: ack latency, planning, push -> applied)
//   cost                        (storage transactions and executions per unit of work; a day of 100 apps x 3 clusters, priced)
//   coldstart [--runs 5]        (the published worker, plain and ReadyToRun: process start to first handled message)
//   generate DIR N   (writes the tree only)
try
{
    var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
    var rest = verb is null ? args : args[1..];
    switch (verb)
    {
        case null:
            var options = BenchOptions.Parse(rest);
            CompareCommand.Run(options with { Sizes = options.SizesOr(CompareCommand.DefaultSizes) });
            Console.WriteLine();
            ScaleCommand.Run(options with { Sizes = options.SizesOr(ScaleCommand.DefaultSizes) });
            return 0;
        case "compare":
            var compare = BenchOptions.Parse(rest);
            return CompareCommand.Run(compare with { Sizes = compare.SizesOr(CompareCommand.DefaultSizes) });
        case "scale":
            var scale = BenchOptions.Parse(rest);
            ScaleCommand.Run(scale with { Sizes = scale.SizesOr(ScaleCommand.DefaultSizes) });
            return 0;
        case "sync":
            return await SyncScenario.RunAsync(ObjectsOption(rest, 1000));
        case "drift":
            return await DriftScenario.RunAsync(ObjectsOption(rest, 10_000));
        case "webhook":
            return await WebhookScenario.RunAsync(ObjectsOption(rest, 1000));
        case "cost":
            return await CostScenario.RunAsync(new Estate());
        case "coldstart":
            return await Benchmarks.ColdStart.ColdStartScenario.RunAsync(RunsOption(rest, 5));
        case "bdn":
            RenderBenchmarks.RunAll(rest);
            return 0;
        case "generate":
            // generate DIR N: writes the tree, for looking at it or running kubectl by hand.
            if (rest.Length != 2 || !int.TryParse(rest[1], System.Globalization.CultureInfo.InvariantCulture, out var resources))
            {
                throw new ArgumentException("usage: generate DIR N (N base resources, a multiple of 4)");
            }

            TreeGenerator.Write(rest[0], resources);
            Console.WriteLine($"wrote {resources} base resources under {rest[0]}");
            return 0;
        default:
            Console.Error.WriteLine($"unknown subcommand \"{verb}\": use compare, scale, sync, drift, webhook, cost, coldstart, bdn or generate");
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (InvalidOperationException e)
{
    // A tool failed (build, render or kubectl): its message carries the tool's stderr.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int ObjectsOption(string[] args, int fallback)
    => args.Length == 0 ? fallback
        : args.Length == 2 && args[0] == "--objects" && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 20 ? n
        : throw new ArgumentException("usage: sync|drift|webhook [--objects N] (N >= 20)");

static int RunsOption(string[] args, int fallback)
    => args.Length == 0 ? fallback
        : args.Length == 2 && args[0] == "--runs" && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
        : throw new ArgumentException("usage: coldstart [--runs N] (N >= 1)");
