using System.CommandLine;
using Borealis.Bench.Engine;
using Borealis.Bench.Kinesis;
using Borealis.Bench.Volume;

// One subcommand per benchmark; scripts/bench NAME builds Release and runs `borealis-bench NAME`.
var root = new RootCommand("Borealis benchmarks: each prints `result bench=NAME ...` lines on stdout, progress on stderr")
{
    VolumeBench.Build(),
    EngineBench.Build(),
    EngineBench.BuildSqliteWriter(),
    KinesisBench.Build(),
};
// On Ctrl-C or SIGTERM a benchmark gets time to stop what it started (storage-node processes,
// scratch directories) instead of the default two seconds.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
