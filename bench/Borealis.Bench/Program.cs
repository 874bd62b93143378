using System.CommandLine;
using Borealis.Bench.Volume;

// One subcommand per benchmark; scripts/bench NAME builds Release and runs `borealis-bench NAME`.
var root = new RootCommand("Borealis benchmarks: each prints `result bench=NAME ...` lines on stdout, progress on stderr")
{
    VolumeBench.Build(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
