using System.Globalization;
using System.Runtime.InteropServices;
using KubeEmulator;

// kube-emulator [--port N] [--kubeconfig PATH] [--populate-namespaces] [--tls] [--token TOKEN]: runs the emulator until Ctrl-C.
const string Usage = "usage: kube-emulator [--port N] [--kubeconfig PATH] [--populate-namespaces] [--tls] [--token TOKEN]";
var port = 0;
var populate = false;
var tls = false;
string? token = null;
string? kubeconfig = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--kubeconfig" when i + 1 < args.Length:
            kubeconfig = args[++i];
            break;
        case "--populate-namespaces":
            populate = true;
            break;
        case "--tls":
            tls = true;
            break;
        case "--token" when i + 1 < args.Length:
            token = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; {Usage}");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Action<PosixSignalContext> onSignal = context =>
{
    context.Cancel = true;
    stop.Cancel();
};
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);

await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = port, PopulateNamespaces = populate, UseTls = tls, RequiredBearerToken = token }, stop.Token);
Console.WriteLine(server.BaseAddress.ToString().TrimEnd('/'));
if (kubeconfig is not null)
{
    Console.WriteLine($"kubeconfig: {Path.GetFullPath(server.WriteKubeconfig(kubeconfig))}");
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C: dispose stops the server.
}

return 0;
