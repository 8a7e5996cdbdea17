using System.CommandLine;
using GitOps.Cli.Commands;

var root = new RootCommand("gitops: GitOps Functions' command line: local runtime, render, registry, status.")
{
    RunCommand.Create(),
    RenderCommand.Create(),
    RegistryCommand.Create(StorageFactory.FromEnvironment),
    StatusCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
