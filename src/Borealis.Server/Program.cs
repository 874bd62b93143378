using System.CommandLine;
using Borealis.Server.Commands;

var root = new RootCommand("Borealis: an Aurora-style database and real-time analytics platform")
{
    UpCommand.Build(),
    StorageNodeCommand.Build(),
    new Command("workload", "load generators for tests and benchmarks") { EngineWorkloadCommand.Build() },
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
