using System.Globalization;

namespace Benchmarks;

/// <summary>The benchmark's command-line options; absent ones keep the documented defaults.</summary>
/// <param name="Sizes">Base resource counts to generate (multiples of 4); empty means the subcommand's default.</param>
/// <param name="Runs">Whole-process runs per tool and size in <c>compare</c>; the median is reported. Default 3.</param>
/// <param name="Iterations">Measured in-process renders per size in <c>scale</c>, after one warm-up. Default 5.</param>
/// <param name="Overlay">The overlay rendered: <c>a</c> or <c>b</c>. Default <c>a</c>.</param>
/// <param name="GitOpsDll">The <c>gitops.dll</c> to run under dotnet, or a published gitops executable; default: the Release build of tools/gitops, built if missing.</param>
/// <param name="Keep">Keep the generated trees and outputs instead of deleting them.</param>
public sealed record BenchOptions(IReadOnlyList<int> Sizes, int Runs = 3, int Iterations = 5, string Overlay = "a", string? GitOpsDll = null, bool Keep = false)
{
    public IReadOnlyList<int> SizesOr(IReadOnlyList<int> defaults) => Sizes.Count > 0 ? Sizes : defaults;

    public string AppPath => "overlays/" + Overlay;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions([]);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseSize).ToList() },
                "--runs" => options with { Runs = ParsePositive("--runs", Value()) },
                "--iterations" => options with { Iterations = ParsePositive("--iterations", Value()) },
                "--overlay" => options with { Overlay = ParseOverlay(Value()) },
                "--gitops" => options with { GitOpsDll = Path.GetFullPath(Value()) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"unknown option \"{args[i]}\""),
            };
        }

        return options;
    }

    private static string ParseOverlay(string text)
        => text is "a" or "b" ? text : throw new ArgumentException($"--overlay: \"{text}\" is neither a nor b");

    private static int ParseSize(string text)
    {
        var size = ParsePositive("--sizes", text);
        return size % TreeGenerator.KindsPerApp == 0 ? size : throw new ArgumentException($"--sizes: {size} is not a multiple of 4");
    }

    private static int ParsePositive(string option, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: \"{text}\" is not a positive integer");
}
