using OrleansPricing.Training.Commands;
using OrleansPricing.Training.Data;

// The learning pipeline: `dotnet run --project src/Training -- <command> [options]`.
var usage = $"""
    OrleansPricing learning pipeline. Commands:

    {UpliftCommand.Usage}
    {SegmentCommand.Usage}
    {DecisionLogCommand.Usage}
    """;
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new CommandLine(args.Skip(1));
    return args[0] switch
    {
        "uplift" => UpliftCommand.Run(options, Console.Out),
        "segment" => SegmentCommand.Run(options, Console.Out),
        "decision-log" => DecisionLogCommand.Run(options, Console.Out),
        "simulate-decision-log" => DecisionLogCommand.Simulate(options, Console.Out),
        _ => throw new UsageException($"Unknown command '{args[0]}'.\n{usage}"),
    };
}
catch (Exception exception) when (exception is UsageException or CsvFormatException or FileNotFoundException or DirectoryNotFoundException
    or OrleansPricing.Pricing.Models.InvalidModelException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}
