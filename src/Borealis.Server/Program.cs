using System.CommandLine;
using Borealis.Server.Commands;

var root = new RootCommand("Borealis: an Aurora-style database and real-time analytics platform")
{
    UpCommand.Build(),
    StorageNodeCommand.Build(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
