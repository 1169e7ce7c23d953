using System.CommandLine;
using OrleansPricing.Training;
using OrleansPricing.Training.Commands;

// The learning pipeline: `dotnet run --project src/Training -- <command> [options]`; `--help` on any command lists its options.
var root = new RootCommand("OrleansPricing learning pipeline.")
{
    UpliftCommand.Create(Console.Out),
    ScoreCommand.Create(Console.Out),
    SegmentCommand.Create(Console.Out),
    DecisionLogCommand.Create(Console.Out),
    DecisionLogCommand.CreateSimulate(Console.Out),
    ResponseCurvesCommand.Create(Console.Out),
};
return root.Parse(args).Invoke();
